package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jawab/jawab/rag"
)

type feedbackRequest struct {
	AnswerID string `json:"answer_id"`
	Rating   string `json:"rating"`
	Comment  string `json:"comment,omitempty"`
}

// postFeedback records a reader's rating of an answer. The answer id may be a
// chat completion id ("chatcmpl-…").
func (s *server) postFeedback(c *gin.Context) error {
	var req feedbackRequest
	if err := s.readJSON(c, &req, true); err != nil {
		return err
	}
	id := strings.TrimPrefix(strings.TrimSpace(req.AnswerID), chatIDPrefix)
	if id == "" {
		return rag.Errorf(rag.Invalid, "answer_id is empty")
	}
	if req.Rating != "up" && req.Rating != "down" {
		return rag.Errorf(rag.Invalid, "rating %q: want \"up\" or \"down\"", req.Rating)
	}
	if s.feedback == nil {
		return rag.Errorf(rag.Unavailable, "feedback is not recorded on this server")
	}
	f := Feedback{AnswerID: id, Rating: req.Rating, Comment: req.Comment, Time: time.Now().UTC()}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.Timeout)
	defer cancel()
	if err := s.feedback.RecordFeedback(ctx, f); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, f)
	return nil
}
