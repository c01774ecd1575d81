// Package openaierr turns go-openai's errors into jawab's, the same way for every
// OpenAI-compatible client (chat and embeddings): rate limits, timeouts and
// server errors are Unavailable (worth a retry or a fallback), other 4xx are
// Invalid (the configuration is wrong), each with the server's own message.
package openaierr

import (
	"errors"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/jawab/jawab/rag"
)

// Convert describes err from server ("chat server", "embedding server") running
// model as a *rag.Error.
func Convert(err error, server, model string) error {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		if apiErr.HTTPStatusCode == 0 {
			// An error event inside a stream, or a body go-openai parsed as one.
			return rag.Errorf(rag.Unavailable, "%s (model %s) failed: %s", server, model, apiErr.Message)
		}
		return rag.Errorf(Code(apiErr.HTTPStatusCode), "%s (model %s) answered %d: %s", server, model, apiErr.HTTPStatusCode, apiErr.Message)
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return rag.Errorf(Code(reqErr.HTTPStatusCode), "%s (model %s) answered %d: %s", server, model, reqErr.HTTPStatusCode, Snippet(reqErr.Body))
	}
	return rag.Wrap(rag.Unavailable, err, "%s (model %s) unreachable or sent an unreadable answer", server, model)
}

// Code classifies an HTTP status from a model server.
func Code(status int) rag.Code {
	if status == http.StatusTooManyRequests || status >= 500 || status == http.StatusRequestTimeout {
		return rag.Unavailable
	}
	return rag.Invalid
}

// Snippet shortens a non-JSON error body (an HTML page from a proxy, say) to
// something fit for a message.
func Snippet(body []byte) string {
	const limit = 200
	s := []rune(strings.TrimSpace(string(body)))
	if len(s) > limit {
		return string(s[:limit]) + "…"
	}
	return string(s)
}

// Redact removes secret (the API key a client sends) from err's text. A
// server may quote the key it was sent in its error message (OpenAI shows a
// masked one; other OpenAI-compatible servers and proxies need not), and
// these messages reach logs and, as answer warnings, readers. An error that
// quoted it becomes a *rag.Error of the same code with the key replaced.
func Redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return rag.Errorf(rag.ErrorCode(err), "%s", strings.ReplaceAll(err.Error(), secret, "[redacted]"))
}
