package translit

import "strings"

// latinOf is the Latin rendering of each Urdu consonant letter.
var latinOf = map[rune]string{
	'ب': "b", 'پ': "p", 'ت': "t", 'ٹ': "t", 'ث': "s", 'ج': "j", 'چ': "ch",
	'ح': "h", 'خ': "kh", 'د': "d", 'ڈ': "d", 'ذ': "z", 'ر': "r", 'ڑ': "r",
	'ز': "z", 'ژ': "zh", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "z", 'ط': "t",
	'ظ': "z", 'غ': "gh", 'ف': "f", 'ق': "q", 'ک': "k", 'گ': "g", 'ل': "l",
	'م': "m", 'ن': "n", 'ں': "n", 'ھ': "h",
}

// ToLatin renders an Urdu word (or words separated by spaces) in Latin
// letters for an English reader when no better spelling is known: roughly,
// since Urdu leaves most short vowels unwritten. Consonants have their
// usual Roman Urdu letters (خ kh, ش sh, ق q, ھ h); ا is a, and an initial
// او and ای are o and i; و and ی are w and y at the start of a word or
// after a long vowel, o and i elsewhere; ے is e; a final ہ after a
// consonant is a (دورہ dora); ع is a at the start and dropped inside, as ئ
// and ء are. The one short vowel it guesses is an a between two consonants
// at the start or the end of a word (کراچی karachi, لندن landan, بلاول
// balawal), where Urdu words most often have one. Anything that is not an
// Urdu letter is kept as it is.
func ToLatin(urdu string) string {
	var b strings.Builder
	for i, w := range strings.Split(urdu, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(wordToLatin([]rune(w)))
	}
	return b.String()
}

// sound is one Urdu letter's rendering, and whether it is a consonant.
type sound struct {
	lat  string
	cons bool
}

func wordToLatin(rs []rune) string {
	var ss []sound
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		start, end := k == 0, k == len(rs)-1
		prevVowel := k > 0 && (rs[k-1] == 'ا' || rs[k-1] == 'آ' || rs[k-1] == 'و' && k > 1 && rs[k-2] != 'ا')
		switch r {
		case 'ا':
			if start && k+1 < len(rs) && rs[k+1] == 'و' {
				ss, k = append(ss, sound{"o", false}), k+1
			} else if start && k+1 < len(rs) && rs[k+1] == 'ی' {
				ss, k = append(ss, sound{"i", false}), k+1
			} else {
				ss = append(ss, sound{"a", false})
			}
		case 'آ':
			ss = append(ss, sound{"a", false})
		case 'و', 'ؤ':
			if start || !end && k > 0 && (rs[k-1] == 'ا' || rs[k-1] == 'آ') {
				ss = append(ss, sound{"w", true})
			} else {
				ss = append(ss, sound{"o", false})
			}
		case 'ی':
			if start && !end || !end && prevVowel && rs[k+1] != 'ی' {
				ss = append(ss, sound{"y", true})
			} else {
				ss = append(ss, sound{"i", false})
			}
		case 'ے', 'ۓ':
			ss = append(ss, sound{"e", false})
		case 'ہ', 'ۂ', 'ۃ':
			switch {
			case end && k > 0 && !prevVowel:
				ss = append(ss, sound{"a", false})
			case !end:
				ss = append(ss, sound{"h", true})
			}
		case 'ع':
			if start {
				ss = append(ss, sound{"a", false})
			}
		case 'ئ', 'ء':
			if end {
				ss = append(ss, sound{"i", false})
			}
		case 'ھ':
			ss = append(ss, sound{"h", false})
		default:
			if l, ok := latinOf[r]; ok {
				ss = append(ss, sound{l, r != 'ں'})
			} else {
				ss = append(ss, sound{string(r), false})
			}
		}
	}
	var b strings.Builder
	for i, s := range ss {
		b.WriteString(s.lat)
		// a guessed short vowel between the first two or the last two
		// consonants (an aspirate h goes with the consonant before it)
		if s.cons && i+1 < len(ss) && ss[i+1].cons && (i == 0 || i+2 == len(ss)) {
			b.WriteString("a")
		}
	}
	return b.String()
}
