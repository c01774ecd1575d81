package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/rag"
)

func (s *server) listDocuments(c *gin.Context) error {
	docs, err := s.library.List(c.Request.Context())
	if err != nil {
		return err
	}
	if docs == nil {
		docs = []rag.DocumentInfo{}
	}
	c.JSON(http.StatusOK, gin.H{"documents": docs})
	return nil
}

// docID is the id in a /v1/documents/*id path; ids may contain slashes.
func docID(c *gin.Context) (string, error) {
	id := strings.TrimPrefix(c.Param("id"), "/")
	if id == "" {
		return "", rag.Errorf(rag.NotFound, "no document id in the path")
	}
	return id, nil
}

func (s *server) getDocument(c *gin.Context) error {
	id, err := docID(c)
	if err != nil {
		return err
	}
	doc, chunks, err := s.library.Get(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if chunks == nil {
		chunks = []rag.Chunk{}
	}
	c.JSON(http.StatusOK, gin.H{"document": doc, "chunks": chunks})
	return nil
}

func (s *server) deleteDocument(c *gin.Context) error {
	id, err := docID(c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.Timeout)
	defer cancel()
	if err := s.library.Delete(ctx, id); err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"id": id, "status": "deleted"})
	return nil
}

// articleRequest is one article as JSON: the fields of a .jsonl line.
type articleRequest struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	Lang      string `json:"lang,omitempty"`
}

// addDocuments ingests the files of a multipart upload (field "file", one or
// more), or else a JSON article, whatever the Content-Type says (curl -d
// sends JSON as a form).
func (s *server) addDocuments(c *gin.Context) error {
	if mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); mt == "multipart/form-data" {
		return s.uploadDocuments(c)
	}
	return s.addArticle(c)
}

func (s *server) addArticle(c *gin.Context) error {
	var req articleRequest
	// Not strict: like a .jsonl line, an article may carry fields jawab
	// does not keep (a category, an author).
	if err := s.readJSON(c, &req, false); err != nil {
		return err
	}
	if req.ID == "" && req.Text == "" && req.URL != "" {
		// Only a URL: fetch the page, feed or sitemap it names.
		return s.addURL(c, req.URL)
	}
	published, err := parseDate(req.Published, false)
	if err != nil {
		return rag.Errorf(rag.Invalid, "published: %v", err)
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.IngestTimeout)
	defer cancel()
	res, err := s.library.Add(ctx, rag.Document{ID: req.ID, Title: req.Title, Text: req.Text, URL: req.URL,
		Published: published, Source: req.Source, Lang: req.Lang})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if res.Status == "added" {
		status = http.StatusCreated
	}
	c.JSON(status, res)
	return nil
}

// uploadDocuments ingests uploaded files. The answer lists a result per
// document; it is an error only when nothing could be ingested, or when two
// documents share an id (then nothing is).
func (s *server) uploadDocuments(c *gin.Context) error {
	if err := limitBody(c, s.cfg.MaxUpload); err != nil {
		return err
	}
	if err := c.Request.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errorf(http.StatusBadRequest, "invalid_body", "the upload is not a valid multipart form: %v", err)
	}
	form := c.Request.MultipartForm
	defer form.RemoveAll()
	files := form.File["file"]
	if len(files) == 0 {
		return rag.Errorf(rag.Invalid, "the upload has no files; send them in the field \"file\"")
	}
	uploads := make([]UploadFile, 0, len(files))
	for _, fh := range files {
		f, err := fh.Open()
		if err != nil {
			return fmt.Errorf("open upload %s: %w", fh.Filename, err)
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("read upload %s: %w", fh.Filename, err)
		}
		uploads = append(uploads, UploadFile{Name: fh.Filename, Data: data})
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.IngestTimeout)
	defer cancel()
	results, err := s.library.Upload(ctx, uploads)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"results": results})
	return nil
}
