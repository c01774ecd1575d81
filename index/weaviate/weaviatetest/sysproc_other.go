//go:build !linux

package weaviatetest

import "syscall"

// diesWithParent: only Linux can tie a child's life to its parent's; on
// other systems a test killed by a timeout may leave its node running.
func diesWithParent() *syscall.SysProcAttr { return nil }
