package store

import (
	"os"
	"syscall"
)

// fileID identifies one version of a record file of the layout before
// segments: jawab wrote each new version as a new file (under a temporary
// name, renamed into place), so it has another inode, and set its
// modification time to the nanosecond.
type fileID struct {
	ino          uint64
	size         int64
	mtime, ctime int64
}

func statID(path string) (fileID, error) {
	var st syscall.Stat_t
	if err := syscall.Lstat(path, &st); err != nil {
		return fileID{}, &os.PathError{Op: "lstat", Path: path, Err: err}
	}
	return fileID{ino: st.Ino, size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano()}, nil
}

// mapFile maps a file read-only into memory, for as long as the process
// lives: the store never unmaps a snapshot, since strings and vectors point
// into it (a snapshot is replaced by renaming, so the mapped file is never
// changed in place).
func mapFile(f *os.File, size int) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	return syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
}

// release drops a mapping's pages from the process's resident set once
// start-up has read them; the ones used later come back from the page cache
// on first touch.
func release(m []byte) {
	if len(m) > 0 {
		syscall.Madvise(m, syscall.MADV_DONTNEED)
	}
}
