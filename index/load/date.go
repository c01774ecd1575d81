package load

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jawab/jawab/text"
)

// Dates in news pages are written for people, not parsers: "17 جنوری 2024",
// "January 17, 2024", "2024-01-17", often with Urdu digits, a weekday, a time,
// a label ("Published:") or an icon in front. The matcher below recognises a
// line that is nothing but such a date, so that the cleaner can drop it and the
// loaders can take it as the publication date.

// dateWords may surround a date on a date-only line without making it prose:
// weekdays, labels and the era letter ء that Urdu writes after a year.
var dateWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "wed": true, "thu": true,
	"fri": true, "sat": true, "sun": true,
	"published": true, "updated": true, "posted": true, "on": true, "date": true,
	"last": true, "am": true, "pm": true, "pkt": true, "gmt": true, "utc": true, "ist": true,
	"پیر": true, "سوموار": true, "منگل": true, "بدھ": true, "جمعرات": true, "جمعہ": true,
	"ہفتہ": true, "ہفتے": true, "اتوار": true, "ء": true,
	"شائع": true, "اشاعت": true, "تاریخ": true, "اپ": true, "ڈیٹ": true, "اپڈیٹ": true,
	"بجے": true, "صبح": true, "شام": true, "دوپہر": true, "رات": true,
}

var (
	// isoDate matches 2024-01-17, 2024/01/17 and RFC 3339 timestamps, whose
	// T and Z text.Fold has lower-cased.
	isoDate = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?`)
	// dayMonthYear matches "17 جنوری 2024ء" and "17 January, 2024"; the year
	// may be glued to the next word, as in scraped teasers ("2024سچ خبریں").
	dayMonthYear = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s*([\p{L}]+)[,،]?\s*(\d{4})(?:\s?ء)?`)
	// monthDayYear matches "January 17, 2024".
	monthDayYear = regexp.MustCompile(`^([\p{L}]+)\s+(\d{1,2})(?:st|nd|rd|th)?[,،]?\s+(\d{4})(?:\s?ء)?`)
	clockTime    = regexp.MustCompile(`^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$`)
)

// leadingDate parses a date at the start of s (folded by text.Fold, so digits are ASCII)
// and returns it with the rest of s. ok is false when s does not start with a
// date or the date does not exist (31 February).
func leadingDate(s string) (t time.Time, rest string, ok bool) {
	var y, m, d int
	if g := isoDate.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
		rest = s[len(g[0]):]
	} else if g := dayMonthYear.FindStringSubmatch(s); g != nil {
		mon, known := text.Month(g[2])
		if !known {
			return time.Time{}, s, false
		}
		d, _ = strconv.Atoi(g[1])
		y, _ = strconv.Atoi(g[3])
		m = int(mon)
		rest = s[len(g[0]):]
	} else if g := monthDayYear.FindStringSubmatch(s); g != nil {
		mon, known := text.Month(g[1])
		if !known {
			return time.Time{}, s, false
		}
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
		m = int(mon)
		rest = s[len(g[0]):]
	} else {
		return time.Time{}, s, false
	}
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, s, false
	}
	t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 February normalised into March
		return time.Time{}, s, false
	}
	return t, rest, true
}

// stripIcon removes what a page puts before a line's words: icons, emoji,
// bullets and the "?" that an emoji becomes when a scraper loses its encoding
// ("?️"). It reports whether anything was removed.
func stripIcon(s string) (string, bool) {
	t := strings.TrimLeftFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isOpener(r)
	})
	return t, len(t) != len(s)
}

// isOpener reports characters that may start real prose: quotes and brackets.
func isOpener(r rune) bool {
	return strings.ContainsRune("\"'“‘«‹(["+"”’", r)
}

// dateOnly reports whether line says nothing but a date, and which. Weekdays,
// times, labels such as "Published:" or "تاریخ اشاعت" and an icon in front are
// allowed; any other word makes it a sentence.
func dateOnly(line string) (time.Time, bool) {
	s, _ := stripIcon(text.Fold(strings.TrimSpace(line)))
	if len(s) > 120 {
		return time.Time{}, false
	}
	// Skip leading label and weekday words to reach the date.
	var date time.Time
	found := false
	for s != "" {
		if t, rest, ok := leadingDate(s); ok {
			if !found {
				date, found = t, true
			}
			s = rest
			if rest != "" && isWordRune(firstRune(rest)) {
				return time.Time{}, false // "2024سچ خبریں": a teaser, not a date line
			}
			s = trimSeparators(s)
			continue
		}
		word, rest := nextWord(s)
		if word == "" {
			break
		}
		if !dateWords[word] && !clockTime.MatchString(word) {
			return time.Time{}, false
		}
		s = trimSeparators(rest)
	}
	return date, found
}

// datePrefix reports whether line starts (after an optional icon) with a date
// that is followed by more text: the shape of a related-article teaser
// ("?️ 17 جنوری 2024سچ خبریں: …").
func datePrefix(line string) bool {
	s, _ := stripIcon(text.Fold(strings.TrimSpace(line)))
	_, rest, ok := leadingDate(s)
	return ok && strings.IndexFunc(rest, isWordRune) >= 0
}

// findDate returns the first date anywhere in s, for publication lines such as
// "cnnurdu نے Monday، 23 July 2018 کو شائع کیا۔".
func findDate(s string) (time.Time, bool) {
	s = text.Fold(s)
	for i, r := range s {
		if i > 0 && isWordRune(lastRune(s[:i])) {
			continue // a date starts at a word boundary
		}
		if !unicode.IsDigit(r) && !unicode.IsLetter(r) {
			continue
		}
		if t, _, ok := leadingDate(s[i:]); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// nextWord splits off the first run of letters, digits, marks and clock
// punctuation.
func nextWord(s string) (word, rest string) {
	end := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) && r != ':' && r != '.' })
	if end < 0 {
		end = len(s)
	}
	word = strings.Trim(s[:end], ":.")
	return word, s[end:]
}

// trimSeparators drops the spaces and punctuation between the words of a date line.
func trimSeparators(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// publicationWords mark a line that states when the article was published.
var publicationWords = set("published", "updated", "posted", "شائع", "اشاعت", "اپڈیٹ")

// publicationLine reports a short line that gives the publication date in a
// sentence ("cnnurdu نے Monday، 23 July 2018 کو شائع کیا۔", "Published by
// Dawn on 17 January 2024"), and the date.
func publicationLine(line string) (time.Time, bool) {
	if len(line) > maxFurnitureBytes {
		return time.Time{}, false
	}
	w := words(line)
	if len(w) > 12 {
		return time.Time{}, false
	}
	found := false
	for _, x := range w {
		if publicationWords[x] {
			found = true
			break
		}
	}
	if !found {
		return time.Time{}, false
	}
	return findDate(line)
}

// A news story's dateline names the place and the day before its first
// sentence: "کیف۔ یکم جولائی (اے پی پی)", "اسلام آباد (31 اکتوبر)",
// "ISLAMABAD, March 5 (Reuters) -". It rarely gives the year.
var (
	datelineDayMonth = regexp.MustCompile(`(?:^|[\s(۔:,،-])(\d{1,2}|یکم)\s*([\p{L}]+)(?:[,،]?\s*(\d{4}))?(?:\s?ء)?\s*([()\-–—:۔])`)
	datelineMonthDay = regexp.MustCompile(`(?:^|[\s(:,،-])([\p{L}]+)\.?\s+(\d{1,2})(?:[,،]?\s*(\d{4}))?\s*([()\-–—:])`)
	// yearInURL finds a year in a story's address: /2014/07/02/, -2014-.
	yearInURL = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d{2})(?:[/_-]|$)`)
)

// datelineWindow is how far into the text a dateline may start, in bytes
// (about 40 Urdu letters): further in, a date is the story's, not its
// dateline's.
const datelineWindow = 80

// datelineDate reads the day of a story's dateline from its text (folded by
// text.Fold, so digits are ASCII). The year is the dateline's own, else
// yearHint's; without either the story stays undated (ok is false): a year is
// never guessed. A day after notAfter (when set, the story's modification
// date) belongs to the year before.
func datelineDate(folded string, yearHint int, notAfter time.Time) (time.Time, bool) {
	head := folded
	if len(head) > datelineWindow+40 {
		head = head[:datelineWindow+40]
	}
	var d, y int
	var mon time.Month
	found := false
	for _, g := range datelineDayMonth.FindAllStringSubmatchIndex(head, -1) {
		m, ok := text.Month(head[g[4]:g[5]])
		if g[2] >= datelineWindow || !ok {
			continue
		}
		mon, found = m, true
		if day := head[g[2]:g[3]]; day == "یکم" {
			d = 1
		} else {
			d, _ = strconv.Atoi(day)
		}
		if g[6] >= 0 {
			y, _ = strconv.Atoi(head[g[6]:g[7]])
		}
		break
	}
	for _, g := range datelineMonthDay.FindAllStringSubmatchIndex(head, -1) {
		m, ok := text.Month(head[g[2]:g[3]])
		if found || g[2] >= datelineWindow || !ok {
			continue
		}
		mon, found = m, true
		d, _ = strconv.Atoi(head[g[4]:g[5]])
		if g[6] >= 0 {
			y, _ = strconv.Atoi(head[g[6]:g[7]])
		}
	}
	if !found {
		return time.Time{}, false
	}
	year := y
	if year == 0 {
		year = yearHint
	}
	if year < 1800 || year > 2200 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, mon, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 فروری
	}
	if y == 0 && !notAfter.IsZero() && t.After(notAfter) {
		t = t.AddDate(-1, 0, 0) // a 31 December story modified on 2 January
	}
	return t, true
}

// yearHint is the year a document gives other than in its dateline: in its
// address, else its modification date's; 0 when neither.
func yearHint(url string, modified time.Time) int {
	if g := yearInURL.FindStringSubmatch(url); g != nil {
		y, _ := strconv.Atoi(g[1])
		return y
	}
	if !modified.IsZero() {
		return modified.Year()
	}
	return 0
}
