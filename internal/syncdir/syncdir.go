// Package syncdir makes a directory's entries durable: after a file is
// created, renamed or removed, the change survives a crash only once its
// directory is synced too.
package syncdir

import "os"

// Sync fsyncs the directory dir.
func Sync(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
