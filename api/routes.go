package api

// routes lists every route of the API; api/openapi.json describes each one
// (TestOpenAPIMatchesRoutes keeps the two in step).
func (s *server) routes() {
	e := s.engine
	e.Use(s.recoverPanics, s.observe, s.securityHeaders, s.corsHeaders)
	e.NoRoute(s.handle(s.notFound))
	e.NoMethod(s.handle(s.methodNotAllowed))

	e.GET("/healthz", s.handle(s.healthz))
	e.GET("/readyz", s.handle(s.readyz))
	e.GET("/openapi.json", s.handle(s.openapi))
	e.GET("/metrics", s.require(accessMetrics), s.metricsHandler())

	// The chat widget and its demo page (api/widget.go).
	e.GET("/", s.handle(s.demoPage))
	e.GET("/widget.js", s.handle(s.serveAsset(widgetJS)))
	e.GET("/demo.css", s.handle(s.serveAsset(demoCSS)))

	v1 := e.Group("/v1", s.noStore)
	v1.POST("/ask", s.require(accessAsk), s.handle(s.ask))
	v1.POST("/feedback", s.require(accessAsk), s.handle(s.postFeedback))
	v1.POST("/search", s.require(accessQuery), s.handle(s.search))

	// OpenAI-compatible: errors in OpenAI's shape (a superset of ours).
	oai := v1.Group("", s.openAIErrors)
	oai.POST("/chat/completions", s.require(accessQuery), s.handle(s.chatCompletions))
	oai.GET("/models", s.require(accessQuery), s.handle(s.listModels))

	docs := v1.Group("/documents", s.require(accessAdmin))
	docs.GET("", s.handle(s.listDocuments))
	docs.POST("", s.handle(s.addDocuments))
	// Document ids may contain slashes (they come from file paths).
	docs.GET("/*id", s.handle(s.getDocument))
	docs.DELETE("/*id", s.handle(s.deleteDocument))
}
