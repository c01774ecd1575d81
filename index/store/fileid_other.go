//go:build !linux

package store

import (
	"io"
	"os"
)

// fileID identifies one version of a record file (see the Linux version);
// elsewhere by size and modification time only.
type fileID struct {
	ino          uint64
	size         int64
	mtime, ctime int64
}

func statID(path string) (fileID, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return fileID{}, err
	}
	return fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}, nil
}

// mapFile reads the file into memory.
func mapFile(f *os.File, size int) ([]byte, error) {
	b := make([]byte, size)
	_, err := io.ReadFull(f, b)
	return b, err
}

func release([]byte) {}
