package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// healthz says the process is alive.
func (s *server) healthz(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
	return nil
}

// readyz says whether the server takes requests: the index is loaded and the
// server is not shutting down (a load balancer then stops sending it work).
func (s *server) readyz(c *gin.Context) error {
	ready := s.library != nil && !s.isStopping()
	body := gin.H{"ready": ready}
	if s.library != nil {
		docs, chunks := s.library.Stats()
		body["documents"], body["chunks"] = docs, chunks
	}
	status := http.StatusOK
	if !ready {
		status = http.StatusServiceUnavailable
	}
	c.JSON(status, body)
	return nil
}

//go:embed openapi.json
var openAPI []byte

// openapi serves the OpenAPI 3 description of the API.
func (s *server) openapi(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json", openAPI)
	return nil
}
