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

func TestRedact(t *testing.T) {
	const key = "sk-live-0123456789"
	err := Convert(&openai.APIError{HTTPStatusCode: 401, Message: "Incorrect API key provided: Bearer " + key}, "chat server", "m")
	got := Redact(err, key)
	if strings.Contains(got.Error(), key) || !strings.Contains(got.Error(), "[redacted]") || rag.ErrorCode(got) != rag.Invalid {
		t.Errorf("Redact = %v (%s)", got, rag.ErrorCode(got))
	}
	var re *rag.Error
	if !errors.As(got, &re) || strings.Contains(re.Message, key) {
		t.Errorf("the rag.Error's message keeps the key: %+v", re)
	}
	plain := errors.New("connection refused")
	if Redact(plain, key) != plain || Redact(plain, "") != plain || Redact(nil, key) != nil {
		t.Error("an error without the key was changed")
	}
}
