package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/jawab/jawab/rag"
)

// Walk loads every supported file under root in fsys, in lexical order. root
// is a directory, walked recursively, or a single file. It goes through
// io/fs so that one code path reads directories on disk (os.DirFS) and the
// corpus bundled into the binary (embed.FS).
//
// Supported files are .txt, .md/.markdown, .html/.htm and .jsonl (any case);
// other files, and hidden files and directories (".git"), are skipped without
// an item. Symbolic links to directories are not followed, so a link loop
// cannot make a walk endless.
//
// A file's document id is its path relative to root, with forward slashes
// and without extension ("sub/dir/article"); for a single-file root, its base
// name without extension. Each file or JSONL line that fails becomes an item
// with Err set and the walk goes on; so does a second document with an id
// already loaded in this walk. If root cannot be read, the only item is that
// error. If ctx ends, the last item carries ctx's error and the walk stops.
func Walk(ctx context.Context, fsys fs.FS, root string, opt Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		w := walker{ctx: ctx, fsys: fsys, opt: opt, yield: yield, seen: make(map[string]string)}
		if !fs.ValidPath(root) {
			yield(Item{Path: root, Err: rag.Errorf(rag.Invalid, "%s: not a valid path in the file system (want slash-separated, relative, no ..)", root)})
			return
		}
		info, err := fs.Stat(fsys, root)
		if err != nil {
			yield(Item{Path: root, Err: openError(root, err)})
			return
		}
		if !info.IsDir() {
			if format(root) == formatUnknown {
				yield(Item{Path: root, Err: rag.Errorf(rag.Invalid, "%s: unsupported file type %q (want .txt, .md, .html or .jsonl)", root, path.Ext(root))})
				return
			}
			w.file(root, trimExt(path.Base(root)))
			return
		}
		err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if p != root && d != nil && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if err != nil {
				if !yield(Item{Path: p, Err: rag.Wrap(rag.Internal, err, "read %s", p)}) {
					return fs.SkipAll
				}
				return nil
			}
			if d.IsDir() || format(p) == formatUnknown {
				return nil
			}
			rel := p
			if root != "." {
				rel = strings.TrimPrefix(p, root+"/")
			}
			if !w.file(p, trimExt(rel)) {
				return fs.SkipAll
			}
			return nil
		})
		if err != nil { // only a failure to read root itself gets here
			yield(Item{Path: root, Err: rag.Wrap(rag.Internal, err, "walk %s", root)})
		}
	}
}

// walker carries one walk's state.
type walker struct {
	ctx   context.Context
	fsys  fs.FS
	opt   Options
	yield func(Item) bool
	seen  map[string]string // id → path of the item that loaded it
}

// file loads one file and yields its items; false means stop the walk.
func (w *walker) file(p, id string) bool {
	if err := w.ctx.Err(); err != nil {
		w.yield(Item{Path: p, ID: id, Err: fmt.Errorf("load %s: %w", p, err)})
		return false
	}
	info, err := fs.Stat(w.fsys, p)
	if err != nil {
		return w.emit(Item{Path: p, ID: id, Err: openError(p, err)})
	}
	if !info.Mode().IsRegular() {
		return true // a device, a pipe, or a link to a directory: nothing to read
	}
	f, err := w.fsys.Open(p)
	if err != nil {
		return w.emit(Item{Path: p, ID: id, Err: openError(p, err)})
	}
	defer f.Close()
	if format(p) == formatJSONL {
		stopped := false
		err := parseJSONL(w.ctx, f, p, w.opt, func(it Item) bool {
			stopped = !w.emit(it)
			return !stopped
		})
		if err != nil { // ctx ended
			w.yield(Item{Path: p, Err: fmt.Errorf("load %s: %w", p, err)})
			return false
		}
		return !stopped
	}
	max := w.opt.maxBytes()
	if info.Size() > max {
		return w.emit(Item{Path: p, ID: id, Bytes: int(info.Size()), Err: tooBig(p, info.Size(), w.opt)})
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return w.emit(Item{Path: p, ID: id, Err: rag.Wrap(rag.Internal, err, "read %s", p)})
	}
	if int64(len(data)) > max { // the file grew since Stat
		return w.emit(Item{Path: p, ID: id, Bytes: len(data), Err: tooBig(p, int64(len(data)), w.opt)})
	}
	return w.emit(Parse(p, id, data, w.opt)[0])
}

// emit yields an item after checking its id against the ids this walk has
// already loaded: two files with one id (a.txt and a.md) would otherwise
// replace each other silently.
func (w *walker) emit(it Item) bool {
	if it.Err == nil {
		if prev, dup := w.seen[it.ID]; dup {
			it.Err = rag.Errorf(rag.Invalid, "%s: document id %q is already loaded from %s", it.Path, it.ID, prev)
			it.Doc = rag.Document{}
		} else {
			w.seen[it.ID] = it.Path
		}
	}
	return w.yield(it)
}

// trimExt removes the extension from a file name or path.
func trimExt(p string) string { return strings.TrimSuffix(p, path.Ext(p)) }

func openError(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return rag.Errorf(rag.Invalid, "%s does not exist", p)
	}
	return rag.Wrap(rag.Internal, err, "open %s", p)
}

// Open turns a path given on the command line into the (fsys, root) pair that
// Walk takes. A relative path inside the working directory keeps its
// spelling, so items show paths as the user typed them ("news/a.txt"); any
// other path is split into its parent directory and base name, and items show
// paths from the base name ("news/a.txt" for /srv/news). It fails with a clear
// error when the path does not exist.
func Open(p string) (fsys fs.FS, root string, err error) {
	if _, err := os.Stat(p); err != nil {
		return nil, "", openError(p, err)
	}
	clean := filepath.Clean(p)
	if filepath.IsLocal(clean) || clean == "." {
		wd, err := os.Getwd()
		if err != nil {
			return nil, "", rag.Wrap(rag.Internal, err, "open %s", p)
		}
		return os.DirFS(wd), filepath.ToSlash(clean), nil
	}
	abs, err := filepath.Abs(clean)
	if err != nil {
		return nil, "", rag.Wrap(rag.Internal, err, "open %s", p)
	}
	dir, base := filepath.Dir(abs), filepath.Base(abs)
	if dir == abs || !fs.ValidPath(base) { // the file system root
		return os.DirFS(abs), ".", nil
	}
	return os.DirFS(dir), base, nil
}
