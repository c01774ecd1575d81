// Package feedback is the durable log of the answers jawab gave and of what
// readers thought of them: two append-only JSON Lines files in the data dir,
// feedback/answers.jsonl and feedback/feedback.jsonl. Every record is one line,
// written in one write, so a crash can at worst leave a torn last line, which
// readers skip with a warning and which the next append never glues onto.
// A vote is synced before RecordFeedback returns, and the answers file with it
// (so a stored vote never points at a lost answer); answers alone are synced
// only then and on Close, because one fsync per answer was a large part of an
// answer's cost under load, and an answer nobody rated is lost without harm if
// the machine loses power. Downvoted answers become draft evaluation
// questions ("jawab eval --from-feedback").
//
// Open keeps the ids of the last MaxRemembered answers in memory (about 100
// bytes each, so at most about 20 MB however long the server runs) so that a
// vote for an unknown answer is refused at once; a vote for an older answer is
// refused too, as too old to rate (readers rate what they have just read).
package feedback

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jawab/jawab/internal/syncdir"
	"github.com/jawab/jawab/rag"
)

// The ratings a reader can give.
const (
	Up   = "up"
	Down = "down"
)

// MaxRemembered is how many of the latest answers can be rated.
const MaxRemembered = 200_000

// MaxCommentRunes bounds a reader's comment.
const MaxCommentRunes = 2000

// maxAnswerIDBytes bounds answer ids (rag's are 32 hex digits).
const maxAnswerIDBytes = 128

// File names inside Dir.
const (
	answersFile = "answers.jsonl"
	votesFile   = "feedback.jsonl"
)

// Answer is what the log keeps of an answer: enough to read it again and to
// turn it into an evaluation question, not the passages' text.
type Answer struct {
	ID        string     `json:"id"`
	Time      time.Time  `json:"time"`
	Question  string     `json:"question"`
	Lang      string     `json:"lang"`
	Answer    string     `json:"answer"`
	Refused   bool       `json:"refused,omitempty"`
	Generator string     `json:"generator"`
	Citations []Citation `json:"citations,omitempty"`
	// PassageDocIDs are the documents of the passages the answer was written
	// from, in rank order, each once.
	PassageDocIDs []string `json:"passage_doc_ids,omitempty"`
}

// Citation is what the log keeps of a citation.
type Citation struct {
	N     int    `json:"n"`
	DocID string `json:"doc_id"`
	Quote string `json:"quote,omitempty"`
}

// Vote is one reader's rating of an answer (api.Feedback).
type Vote struct {
	AnswerID string    `json:"answer_id"`
	Rating   string    `json:"rating"` // Up or Down
	Comment  string    `json:"comment,omitempty"`
	Time     time.Time `json:"time"`
}

// Entry is a rated answer.
type Entry struct {
	Answer Answer `json:"answer"`
	Vote   Vote   `json:"vote"`
}

// Log is the answer and feedback log of one data dir. It is safe for
// concurrent use; one process at a time should write it.
type Log struct {
	dir string

	mu       sync.Mutex
	answers  *appender
	votes    *appender
	known    remembered // ids of the latest recorded answers
	warnings []string
	closed   bool
}

// Dir returns the directory of the log's files.
func (l *Log) Dir() string { return l.dir }

// Open opens (creating it if need be) the log in dataDir/feedback and reads
// the ids of the answers recorded so far.
func Open(dataDir string) (*Log, error) {
	dir := filepath.Join(dataDir, "feedback")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, rag.Wrap(rag.Internal, err, "feedback log")
	}
	l := &Log{dir: dir, known: newRemembered(MaxRemembered)}
	warn := func(msg string) { l.warnings = append(l.warnings, msg) }
	if err := readLines(filepath.Join(dir, answersFile), warn, func(line []byte) error {
		var a struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(line, &a); err != nil || a.ID == "" {
			return errBadLine
		}
		l.known.add(a.ID)
		return nil
	}); err != nil {
		return nil, err
	}
	var err error
	if l.answers, err = openAppender(filepath.Join(dir, answersFile)); err != nil {
		return nil, err
	}
	if l.votes, err = openAppender(filepath.Join(dir, votesFile)); err != nil {
		l.answers.close()
		return nil, err
	}
	return l, nil
}

// Close closes the log's files.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	return errors.Join(l.answers.sync(), l.answers.close(), l.votes.close())
}

// Warnings returns what the reads so far skipped: torn or unreadable lines.
func (l *Log) Warnings() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.warnings...)
}

// RecordAnswer appends an answer to the log. An answer already recorded is
// not recorded again.
func (l *Log) RecordAnswer(ctx context.Context, a *rag.Answer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if a == nil {
		return rag.Errorf(rag.Invalid, "no answer to record")
	}
	if err := checkAnswerID(a.ID); err != nil {
		return err
	}
	rec := Answer{ID: a.ID, Time: time.Now().UTC(), Question: a.Question, Lang: a.Lang, Answer: a.Answer,
		Refused: a.Refused, Generator: a.Generator}
	for _, c := range a.Citations {
		rec.Citations = append(rec.Citations, Citation{N: c.N, DocID: c.DocID, Quote: c.Quote})
	}
	seen := map[string]bool{}
	for _, p := range a.Passages {
		if !seen[p.DocID] {
			seen[p.DocID] = true
			rec.PassageDocIDs = append(rec.PassageDocIDs, p.DocID)
		}
	}
	line, err := marshalLine(rec)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return rag.Errorf(rag.Internal, "feedback log is closed")
	}
	if l.known.has(a.ID) {
		return nil
	}
	if err := l.answers.append(line, false); err != nil {
		return rag.Wrap(rag.Internal, err, "record answer %s", a.ID)
	}
	l.known.add(a.ID)
	return nil
}

// RecordFeedback appends a reader's vote. The rating must be Up or Down and
// the comment valid UTF-8 without NUL of at most MaxCommentRunes; an answer id the log has
// never recorded is a rag.NotFound error. A zero Time means now.
func (l *Log) RecordFeedback(ctx context.Context, v Vote) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkAnswerID(v.AnswerID); err != nil {
		return err
	}
	if v.Rating != Up && v.Rating != Down {
		return rag.Errorf(rag.Invalid, "rating %q: want %q or %q", v.Rating, Up, Down)
	}
	if !utf8.ValidString(v.Comment) {
		return rag.Errorf(rag.Invalid, "the comment is not valid UTF-8")
	}
	if strings.ContainsRune(v.Comment, 0) {
		return rag.Errorf(rag.Invalid, "the comment contains a NUL character")
	}
	if n := utf8.RuneCountInString(v.Comment); n > MaxCommentRunes {
		return rag.Errorf(rag.Invalid, "the comment is %d characters long; at most %d allowed", n, MaxCommentRunes)
	}
	if v.Time.IsZero() {
		v.Time = time.Now()
	}
	v.Time = v.Time.UTC()
	line, err := marshalLine(v)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return rag.Errorf(rag.Internal, "feedback log is closed")
	}
	if !l.known.has(v.AnswerID) {
		return rag.Errorf(rag.NotFound, "no answer with id %q among the latest %d", v.AnswerID, l.known.max)
	}
	if err := l.answers.sync(); err != nil {
		return rag.Wrap(rag.Internal, err, "record feedback on %s", v.AnswerID)
	}
	if err := l.votes.append(line, true); err != nil {
		return rag.Wrap(rag.Internal, err, "record feedback on %s", v.AnswerID)
	}
	return nil
}

// Downvoted returns the answers whose latest vote (in the order the votes were
// recorded) is Down, each with that vote, in the order of those votes. It
// reads the files afresh; lines it cannot read are skipped and reported by
// Warnings.
func (l *Log) Downvoted() ([]Entry, error) {
	var warnings []string
	warn := func(msg string) { warnings = append(warnings, msg) }
	defer func() {
		l.mu.Lock()
		l.warnings = append(l.warnings, warnings...)
		l.mu.Unlock()
	}()

	latest := map[string]int{} // answer id → index in votes
	var votes []Vote
	if err := readLines(filepath.Join(l.dir, votesFile), warn, func(line []byte) error {
		var v Vote
		if err := json.Unmarshal(line, &v); err != nil || v.AnswerID == "" || (v.Rating != Up && v.Rating != Down) {
			return errBadLine
		}
		latest[v.AnswerID] = len(votes)
		votes = append(votes, v)
		return nil
	}); err != nil {
		return nil, err
	}
	down := map[string]*Answer{}
	for id, i := range latest {
		if votes[i].Rating == Down {
			down[id] = nil
		}
	}
	if len(down) == 0 {
		return nil, nil
	}
	if err := readLines(filepath.Join(l.dir, answersFile), warn, func(line []byte) error {
		var a Answer
		if err := json.Unmarshal(line, &a); err != nil || a.ID == "" {
			return errBadLine
		}
		if p, ok := down[a.ID]; ok && p == nil {
			down[a.ID] = &a
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var out []Entry
	for i, v := range votes {
		if latest[v.AnswerID] != i || v.Rating != Down {
			continue
		}
		a := down[v.AnswerID]
		if a == nil {
			warn(fmt.Sprintf("%s: a vote for answer %s, which is not in %s", votesFile, v.AnswerID, answersFile))
			continue
		}
		out = append(out, Entry{Answer: *a, Vote: v})
	}
	return out, nil
}

func checkAnswerID(id string) error {
	switch {
	case id == "":
		return rag.Errorf(rag.Invalid, "the answer id is empty")
	case len(id) > maxAnswerIDBytes:
		return rag.Errorf(rag.Invalid, "the answer id is %d bytes long; at most %d allowed", len(id), maxAnswerIDBytes)
	case !utf8.ValidString(id):
		return rag.Errorf(rag.Invalid, "the answer id is not valid UTF-8")
	}
	return nil
}

// marshalLine encodes v as one line; JSON escapes every newline inside strings.
func marshalLine(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, rag.Wrap(rag.Internal, err, "encode feedback record")
	}
	return b.Bytes(), nil // Encode ends it with "\n"
}

// errBadLine marks a line a reader could not use.
var errBadLine = errors.New("bad line")

// readLines calls fn with every non-blank line of the file at path (a missing
// file has none). A line that is not valid UTF-8 or that fn rejects is
// skipped with a warning: a crash can leave a torn last line, and a torn line
// must never make the rest of the log unreadable.
func readLines(path string, warn func(string), fn func(line []byte) error) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return rag.Wrap(rag.Internal, err, "feedback log")
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	name := filepath.Base(path)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return rag.Wrap(rag.Internal, err, "read %s", path)
		}
		last := err != nil
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			if !utf8.Valid(trimmed) || fn(trimmed) != nil {
				what := "an unreadable line"
				if last {
					what = "a torn last line (from a crash?)"
				}
				warn(fmt.Sprintf("%s:%d: skipped %s", name, lineNo, what))
			}
		}
		if last {
			return nil
		}
	}
}

// appender appends whole lines to a file and syncs each one.
type appender struct {
	f *os.File
	// broken is set when the file may end in a partial line (a failed write, or
	// a torn last line found at open): the next line starts on a new line.
	broken bool
	// unsynced is set by writes not yet synced.
	unsynced bool
}

func openAppender(path string) (*appender, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, rag.Wrap(rag.Internal, err, "feedback log")
	}
	a := &appender{f: f}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, rag.Wrap(rag.Internal, err, "feedback log")
	}
	if info.Size() > 0 {
		last := make([]byte, 1)
		r, err := os.Open(path)
		if err == nil {
			_, err = r.ReadAt(last, info.Size()-1)
			r.Close()
		}
		if err != nil {
			f.Close()
			return nil, rag.Wrap(rag.Internal, err, "feedback log")
		}
		a.broken = last[0] != '\n'
	}
	if err := syncdir.Sync(filepath.Dir(path)); err != nil { // the file's creation
		f.Close()
		return nil, rag.Wrap(rag.Internal, err, "feedback log")
	}
	return a, nil
}

// append writes line, and syncs the file if sync is set.
func (a *appender) append(line []byte, sync bool) error {
	if a.broken {
		line = append([]byte("\n"), line...)
	}
	if _, err := a.f.Write(line); err != nil {
		a.broken = true
		return err
	}
	a.broken, a.unsynced = false, true
	if sync {
		return a.sync()
	}
	return nil
}

// sync makes the writes so far durable.
func (a *appender) sync() error {
	if !a.unsynced {
		return nil
	}
	if err := a.f.Sync(); err != nil {
		return err
	}
	a.unsynced = false
	return nil
}

func (a *appender) close() error { return a.f.Close() }

// remembered is a set of the latest max ids: adding one more forgets the
// oldest, so that memory stays bounded in a server that runs for months.
type remembered struct {
	max   int
	set   map[string]struct{}
	order []string // a ring: order[next] is the oldest once full
	next  int
}

func newRemembered(max int) remembered {
	return remembered{max: max, set: map[string]struct{}{}}
}

func (r *remembered) has(id string) bool {
	_, ok := r.set[id]
	return ok
}

func (r *remembered) add(id string) {
	if r.has(id) {
		return
	}
	if len(r.order) < r.max {
		r.order = append(r.order, id)
	} else {
		delete(r.set, r.order[r.next])
		r.order[r.next] = id
		r.next = (r.next + 1) % r.max
	}
	r.set[id] = struct{}{}
}
