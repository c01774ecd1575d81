package text

import "time"

// months maps the month names news writes (English full and short names,
// Urdu names with the spellings seen in Pakistani and Indian papers), folded,
// to months. One table serves the loaders' dates, the questions' dates and an
// English restatement of an Urdu date.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12,
	"جنوری": 1, "فروری": 2, "مارچ": 3, "اپریل": 4, "مئی": 5, "مئ": 5,
	"جون": 6, "جولائی": 7, "جولائ": 7, "اگست": 8, "ستمبر": 9, "اکتوبر": 10,
	"نومبر": 11, "دسمبر": 12, "ڈسمبر": 12,
}

// urduMonths are the usual Urdu spellings, by month.
var urduMonths = [...]string{"", "جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"}

// Month returns the month a name stands for ("جولائی", "July", "jul"), by its
// folded form; English names are matched in any case.
func Month(name string) (time.Month, bool) {
	m, ok := months[Fold(name)]
	return m, ok
}

// UrduMonth is the Urdu name of m, "" for an invalid month.
func UrduMonth(m time.Month) string {
	if m < 1 || m > 12 {
		return ""
	}
	return urduMonths[m]
}

// IsUrduMonth reports whether tok (folded, as Tokens gives it) is an Urdu
// month name: the English ones ("may", "march") are also common words, so
// callers that read English decide by case and context themselves.
func IsUrduMonth(tok string) bool {
	m, ok := months[tok]
	return ok && m > 0 && tok != "" && DetectLang(tok) == "ur"
}
