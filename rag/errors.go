package rag

import (
	"errors"
	"fmt"
)

// Code classifies an error for the people and programs that receive it; the API
// maps each code to one HTTP status in exactly one place.
type Code string

const (
	Invalid     Code = "invalid"     // the caller sent something wrong
	NotFound    Code = "not_found"   // no such document
	Conflict    Code = "conflict"    // the index or data dir is in a state that forbids this
	Unavailable Code = "unavailable" // a dependency (LLM, embedder) cannot be reached
	// StoreUnavailable: the index cannot be read or written now (its engine
	// is down or unreachable); the message says why.
	StoreUnavailable Code = "store_unavailable"
	Internal         Code = "internal" // a bug or an I/O failure
)

// Error is jawab's error type: a code plus a message meant for the user.
type Error struct {
	Code    Code
	Message string
	Err     error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap builds an *Error with a message around a cause.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or Internal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}
