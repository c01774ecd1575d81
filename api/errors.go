package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/rag"
)

// StatusClientClosed is the status logged for a request whose client went away
// before the answer (nginx's 499). No client ever receives it.
const StatusClientClosed = 499

// httpError is a refusal made by the HTTP layer itself (keys, limits, sizes);
// the rest of the errors are rag's.
type httpError struct {
	status int
	code   string
	msg    string
	header map[string]string
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, code, format string, args ...any) *httpError {
	return &httpError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// errorBody is the one error shape: {"error":{"code","message"}}. On the
// OpenAI-compatible routes it also carries OpenAI's "type" (and "param"), so
// that OpenAI clients parse it.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Type    string  `json:"type,omitempty"`
	Param   *string `json:"param,omitempty"`
}

// Context keys.
const (
	keyOpenAI  = "jawab.openai"  // the route answers in OpenAI's error shape
	keyStatus  = "jawab.status"  // the status to log when the response had already begun
	keyLogger  = "jawab.logger"  // the request's logger (with its request id)
	keyPrinc   = "jawab.princ"   // the caller (principal)
	keyStarted = "jawab.started" // when the request arrived
)

// problem is the one place where an error becomes a status and a message for
// the client; it logs the error too (once). Known codes keep their messages; a
// request whose client went away is 499 and logged as such, not as an error;
// anything else is a 500 "internal error" for the client and the full error
// in the log.
func (s *server) problem(c *gin.Context, err error) (int, errorDetail) {
	var (
		status int
		d      errorDetail
		he     *httpError
		mbe    *http.MaxBytesError
		re     *rag.Error
	)
	switch {
	case errors.As(err, &he):
		status, d = he.status, errorDetail{Code: he.code, Message: he.msg}
	case errors.As(err, &mbe):
		status, d = http.StatusRequestEntityTooLarge, errorDetail{Code: "too_large", Message: fmt.Sprintf("the request body is larger than %d bytes", mbe.Limit)}
	case errors.Is(err, context.Canceled) && s.isStopping():
		status, d = http.StatusServiceUnavailable, errorDetail{Code: "shutting_down", Message: "the server is shutting down; try again"}
	case errors.Is(err, context.Canceled):
		status, d = StatusClientClosed, errorDetail{Code: "canceled", Message: "the client closed the request"}
	case errors.Is(err, context.DeadlineExceeded):
		status, d = http.StatusGatewayTimeout, errorDetail{Code: "timeout", Message: "the request took too long"}
	case errors.As(err, &re) && re.Code != rag.Internal:
		status, d = ragStatus[re.Code], errorDetail{Code: string(re.Code), Message: re.Message}
		if status == 0 {
			status = http.StatusInternalServerError
		}
	default:
		status, d = http.StatusInternalServerError, errorDetail{Code: "internal", Message: "internal error"}
	}
	log := s.reqLog(c)
	switch {
	case d.Code == "shutting_down":
		log.Info("request ended by the shutdown", "status", status)
	case status >= 500:
		log.Error("request failed", "status", status, "err", err)
	case status == StatusClientClosed:
		log.Info("client went away", "status", status, "err", err)
	case status == http.StatusTooManyRequests:
		log.Debug("request refused", "status", status, "code", d.Code)
	default:
		log.Info("request refused", "status", status, "code", d.Code, "err", err)
	}
	if he != nil {
		for k, v := range he.header {
			c.Header(k, v)
		}
	}
	if c.GetBool(keyOpenAI) {
		d.Type = openAIType(status)
		if d.Code == "model_not_found" {
			p := "model"
			d.Param = &p
		}
	}
	return status, d
}

// ragStatus is the status of each rag error code.
var ragStatus = map[rag.Code]int{
	rag.Invalid:          http.StatusBadRequest,
	rag.NotFound:         http.StatusNotFound,
	rag.Conflict:         http.StatusConflict,
	rag.Unavailable:      http.StatusServiceUnavailable,
	rag.StoreUnavailable: http.StatusServiceUnavailable,
}

// openAIType is the "type" OpenAI gives errors of a status.
func openAIType(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "authentication_error"
	case status == http.StatusForbidden:
		return "permission_error"
	case status == http.StatusTooManyRequests:
		return "rate_limit_error"
	case status >= 500:
		return "server_error"
	}
	return "invalid_request_error"
}

// writeError answers with err in the one error shape.
func (s *server) writeError(c *gin.Context, err error) {
	status, d := s.problem(c, err)
	c.Set(keyStatus, status)
	if c.Writer.Written() {
		return // a stream already began; it reports its own errors
	}
	c.AbortWithStatusJSON(status, errorBody{Error: d})
}

// handle adapts a handler that returns an error.
func (s *server) handle(h func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.writeError(c, err)
		}
	}
}

func (s *server) notFound(c *gin.Context) error {
	return errorf(http.StatusNotFound, "not_found", "no route %s %s", c.Request.Method, c.Request.URL.Path)
}

func (s *server) methodNotAllowed(c *gin.Context) error {
	return errorf(http.StatusMethodNotAllowed, "method_not_allowed", "%s is not allowed on %s (allowed: %s)", c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow"))
}

// reqLog is the logger of the request, carrying its id.
func (s *server) reqLog(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(keyLogger); ok {
		return l.(*slog.Logger)
	}
	return s.log
}
