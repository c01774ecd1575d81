package weaviatetest

import "syscall"

// diesWithParent makes a node die with the test process, even one killed
// by a timeout, so that no orphan keeps its ports.
func diesWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
