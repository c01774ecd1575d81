// Package must turns a call's error into a panic, for tests that read a
// store's state in one expression (s.Stats, s.Hash): a store that fails there
// fails the test, loudly, at the line that asked.
package must

// Value returns v, or panics with err.
func Value[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Values returns a and b, or panics with err.
func Values[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}
