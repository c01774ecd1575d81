// Package widget holds the files of the chat widget that jawab serves: the
// script a news site embeds (widget.js: plain JavaScript, no build step) and
// the demo page with its style sheet. api serves them; see api/widget.go.
package widget

import _ "embed"

// Script is widget.js.
//
//go:embed widget.js
var Script []byte

// DemoPage is the html/template of the demo page at "/".
//
//go:embed demo.html
var DemoPage string

// DemoCSS is the demo page's style sheet.
//
//go:embed demo.css
var DemoCSS []byte
