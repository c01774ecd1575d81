package openaierr

import (
	"errors"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/jawab/jawab/rag"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		err  error
		code rag.Code
		text string
	}{
		{&openai.APIError{HTTPStatusCode: 401, Message: "Incorrect API key provided"}, rag.Invalid, "answered 401: Incorrect API key provided"},
		{&openai.APIError{HTTPStatusCode: 429, Message: "slow down"}, rag.Unavailable, "answered 429"},
		{&openai.APIError{Message: "overloaded"}, rag.Unavailable, "failed: overloaded"},
		{&openai.RequestError{HTTPStatusCode: 502, Body: []byte("<html>" + strings.Repeat("x", 500))}, rag.Unavailable, "answered 502: <html>"},
		{errors.New("connection refused"), rag.Unavailable, "unreachable"},
	}
	for _, tt := range tests {
		got := Convert(tt.err, "chat server", "m")
		if rag.ErrorCode(got) != tt.code || !strings.Contains(got.Error(), tt.text) || !strings.Contains(got.Error(), "chat server (model m)") {
			t.Errorf("Convert(%v) = %v (%s), want %s containing %q", tt.err, got, rag.ErrorCode(got), tt.code, tt.text)
		}
		if len(got.Error()) > 400 {
			t.Errorf("message not shortened: %d bytes", len(got.Error()))
		}
	}
}
