package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/jawab/jawab/rag"
)

// lockDir takes the data dir's writer lock. Two writers (an ingest and a server,
// say) on one data dir would each keep an in-memory view the other cannot see, so
// the second is refused with a message that says who holds it. The kernel drops
// the lock when its holder dies, so a crash never leaves the dir locked.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, "LOCK")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, writeErr(err, "open lock file")
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, rag.Errorf(rag.Conflict, "data dir %s is in use by another jawab process (pid %s); stop it or use another --data-dir", dir, strings.TrimSpace(string(holder)))
		}
		return nil, writeErr(err, "lock data dir %s", dir)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}

func unlockDir(f *os.File) error {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return f.Close()
}
