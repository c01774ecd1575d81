package api

import (
	"context"
	_ "embed"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz says the process is alive.
func (s *server) healthz(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
	return nil
}

// readyz says whether the server takes requests: the index is loaded and
// readable and the server is not shutting down (a load balancer then stops
// sending it work). While the store cannot be read it is 503 with the error
// and its cause, and ready again as soon as the store answers. A store with
// health of its own (a Weaviate cluster) adds it as "store", and its error
// (a split membership, nodes missing, no leader) makes the server not ready.
func (s *server) readyz(c *gin.Context) error {
	ready := s.library != nil && !s.isStopping()
	body := gin.H{"ready": ready}
	if s.library != nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
		defer cancel()
		docs, chunks, err := s.library.Stats(ctx)
		if err != nil {
			_, d := s.problem(c, err)
			ready = false
			body["ready"], body["error"] = false, d
		} else {
			body["documents"], body["chunks"] = docs, chunks
		}
	}
	if s.health != nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
		defer cancel()
		details, err := s.health.Ready(ctx)
		body["store"] = details
		if err != nil && ready {
			_, d := s.problem(c, err)
			ready = false
			body["ready"], body["error"] = false, d
		}
	}
	status := http.StatusOK
	if !ready {
		status = http.StatusServiceUnavailable
	}
	c.JSON(status, body)
	return nil
}

// readyTimeout bounds the store check of /readyz: a probe that hangs is no
// answer to a load balancer.
const readyTimeout = 5 * time.Second

//go:embed openapi.json
var openAPI []byte

// openapi serves the OpenAPI 3 description of the API.
func (s *server) openapi(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json", openAPI)
	return nil
}
