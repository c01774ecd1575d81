package translit

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A rule says that the Latin letters Lat may be written as the Urdu letters
// Urd ("" for nothing: an unwritten short vowel) at a cost: about how
// unusual that spelling is, 0 for the usual one. The costs are hand-set
// surprisals, not fitted; doc.go says why each rule exists.
type rule struct {
	lat  string
	urd  string
	cost float64
	pos  rulePos

	runes []rune // urd decoded
	skel  []byte // urd's consonant classes
}

// rulePos says where in the Latin word a rule applies.
type rulePos uint8

const (
	onlyInitial rulePos = 1 << iota // only at the start of the word
	onlyFinal                       // only at its end
	notInitial                      // anywhere but the start
	notFinal                        // anywhere but the end
	magic                           // a vowel before a consonant and a final e (face, Mike, phone)
	silentE                         // the final e of such a word
	english                         // an English spelling convention, dearer in Roman Urdu
)

// romanEnglishCost is added to an English-spelling rule in Roman Urdu,
// which spells Urdu sounds (mulakat is ملاقات, not ملکیت with English a as
// ی) but still has English names in it (Moscow ماسکو).
const romanEnglishCost = 0.3

// ruleText is the rule table, one rule a line: Latin, Urdu ("_" for
// nothing), cost, and optionally where it applies (^ initial, $ final,
// - not initial). doc.go explains the groups.
const ruleText = `
# consonants that have one Urdu letter
b ب 0
p پ 0
f ف 0
j ج 0
l ل 0
le ل 0.05 $E
les لز 0.05 $E
m م 0
r ر 0
r ڑ 0.15
n ن 0
n ں 0.1 $
n ں 0.3 -
w و 0
w _ 0.4 -
v و 0 +
v و 0.2 $
v ف 0 $
v ف 0.3 -+
v _ 0.5 -+
y ی 0
y ئ 0.2 -
y _ 0.4 -
x کس 0
x ز 0.4 ^E
# English: Mc at the start of a name is "mack" (McIlroy میکلرائے, McCullum
# میکولم), and a final s after a vowel sound or a voiced one is z (games
# گیمز, Williams ولیمز, airways ایئرویز)
mc میک 0.05 ^E
mcc میک 0.05 ^E
s ز 0.2 $E
# the dental/retroflex and Arabic doublets Latin does not tell apart
t ت 0
t ٹ 0.15
t ط 0.2
d د 0
d ڈ 0.15
d ض 0.4
s س 0
s اس 0.2 ^
s ص 0.15
s ث 0.3
s ز 0.4
s ش 0.6
stl سل 0.1 -E
z ز 0
z ذ 0.2
z ظ 0.2
z ض 0.25
z ژ 0.4
z س 0.4
k ک 0
k ق 0.2
q ق 0
q ک 0.4
qu کو 0.1 E
c ک 0.1
c س 0.2 E
c چ 0.5
ck ک 0
cc ک 0.1
cc کس 0.2
g گ 0
g غ 0.3
g ج 0.3 E
# digraphs
sh ش 0
si شی 0.3 -+E
ch چ 0
ch چھ 0.15
ch ک 0.4 E
ch ش 0.5 E
kh خ 0
kh کھ 0.1
gh غ 0.05
gh گھ 0.1
gh گ 0.2
igh ائ 0.05 -+E
igh ائی 0.05 $E
ph ف 0.05
ph پھ 0.15
th تھ 0.1
th ٹھ 0.2
th ت 0.2
th ث 0.3 E
th ذ 0.5 E
dh دھ 0.1
dh ڈھ 0.2
dh ذ 0.3
dh ظ 0.4
bh بھ 0
jh جھ 0.1
zh ژ 0.1
zh ز 0.2
rh ڑھ 0.2
ng نگ 0
ng ن 0.3 $
# h: a letter of its own, the aspiration mark, or silent
h ہ 0
h ح 0.15
h ھ 0.3 -
h _ 0.3
# vowels. An initial vowel needs a carrier letter (alif, ain); a short
# vowel inside a word is usually not written.
a _ 0.1 -+
a ا 0.15 -
a ا 0 ^
a آ 0.2 ^
a ع 0.3
a ا 0.1 $
a ہ 0.1 $
a ی 0.3 -E
a ی 0.1 *E
a ے 0.2 *E
a ای 0.3 ^E
aa ا 0 -
aa ا 0.3 ^
aa آ 0.1 ^
aa عا 0.15 ^
aa عا 0.3
ua عا 0.15 -
ai ے 0.2
ai ی 0.2
ai ئی 0.15
ai ائ 0.25
ai ائی 0.2
ai ای 0.3 ^
ay ے 0.15 $
ay ی 0.2
ay ائ 0.3
au و 0.15
au او 0.2
au اؤ 0.3
aw و 0.2
aw او 0.2
e _ 0.15 -+
e ی 0.1 -
e ے 0.05 $
e ی 0.15 $
e _ 0.3 $
e _ 0.02 !E
e ا 0.1 ^
e ای 0.1 ^
e ع 0.3
e ئ 0.3 -
e ہ 0.3 $
ee ی 0
eu یو 0.1 ^
eu یو 0.2 -
ae ائی 0.2
ae ی 0.2
ei ی 0.1
ei ے 0.15
ei ئی 0.3
ey ی 0.15
ey ے 0.1 $
ea ی 0.2 E
ea یا 0.2 E
i _ 0.15 -+
i ی 0.05 -
i ی 0 $
i ا 0.05 ^
i ای 0.15 ^
i ع 0.2 ^
i ئ 0.2 -
i ائی 0.1 *E
i ائی 0.35 -+E
i ائ 0.15 *E
ie ی 0.1
ia یا 0.05 -
o و 0.05
o _ 0.2 -+
o ا 0.3 -E
o او 0.05 ^
o آ 0.2 ^
o ا 0.2 ^
o ؤ 0.3 -
o ہ 0.3 $
oo و 0
oo _ 0.4 -+E
ou و 0.05
oi وئ 0.2 E
oi وئی 0.2 E
oi ائی 0.3 E
oi ائ 0.3 E
oy وئ 0.2 E
oy ائ 0.3 E
oy ائے 0.15 $E
ou او 0.1 ^
ow و 0.1
ow او 0.2
u _ 0.1 -+
u و 0.1
u ا 0.05 ^
u او 0.1 ^
u یو 0.3 E
u یو 0.2 ^E
u ع 0.3 ^
u ؤ 0.3 -
u یو 0.1 *E
`

// ruleSet is the rule table indexed by the first Latin letter.
type ruleSet struct {
	byFirst [26][]rule
	maxLat  int
}

var rules = parseRules(ruleText)

func parseRules(src string) *ruleSet {
	rs := &ruleSet{}
	for line := range strings.Lines(src) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 || len(f) > 4 {
			panic("translit: bad rule " + strconv.Quote(line))
		}
		cost, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			panic("translit: bad rule cost " + strconv.Quote(line))
		}
		r := rule{lat: f[0], urd: f[1], cost: cost}
		if r.urd == "_" {
			r.urd = ""
		}
		if len(f) == 4 {
			for _, c := range f[3] {
				switch c {
				case '^':
					r.pos |= onlyInitial
				case '$':
					r.pos |= onlyFinal
				case '-':
					r.pos |= notInitial
				case '+':
					r.pos |= notFinal
				case '*':
					r.pos |= magic
				case '!':
					r.pos |= silentE
				case 'E':
					r.pos |= english
				default:
					panic("translit: bad rule position " + strconv.Quote(line))
				}
			}
		}
		r.runes = []rune(r.urd)
		for _, u := range r.runes {
			if c := urduClass(u); c != clsNone {
				r.skel = append(r.skel, c)
			}
		}
		c := r.lat[0]
		if c < 'a' || c > 'z' || !utf8.ValidString(r.urd) {
			panic("translit: bad rule " + strconv.Quote(line))
		}
		rs.byFirst[c-'a'] = append(rs.byFirst[c-'a'], r)
		rs.maxLat = max(rs.maxLat, len(r.lat))
	}
	return rs
}

// applies reports whether r may rewrite lat[i:i+len(r.lat)].
func (r *rule) applies(lat string, i int) bool {
	if !strings.HasPrefix(lat[i:], r.lat) {
		return false
	}
	if r.pos&^english == 0 {
		return true
	}
	start, end := i == 0, i+len(r.lat) == len(lat)
	if r.pos&magic != 0 && !magicAfter(lat, i+len(r.lat)) ||
		r.pos&silentE != 0 && !((end || plural(lat, i+1)) && i >= 2 && !isVowel(lat[i-1]) && isVowel(lat[i-2])) {
		return false
	}
	return !(r.pos&onlyInitial != 0 && !start ||
		r.pos&onlyFinal != 0 && !end ||
		r.pos&notInitial != 0 && start ||
		r.pos&notFinal != 0 && end)
}

// magicAfter reports whether lat[j:] is one consonant and a final e, or a
// final -le, either with a plural s after it: the "magic e" that makes the
// vowel before it long (face فیس, Mike مائیک, phone فون, games گیمز) and is
// itself silent.
func magicAfter(lat string, j int) bool {
	rest := lat[j:]
	if plural(lat, len(lat)-1) {
		rest = rest[:len(rest)-1] // games گیمز, as game گیم
	}
	if len(rest) < 2 || isVowel(rest[0]) || rest[0] == 'h' {
		return false
	}
	// One consonant and -le makes the vowel long as well (title ٹائٹل,
	// table ٹیبل, Bible بائبل; not apple, whose consonant is doubled).
	return rest[1:] == "e" || rest[1:] == "le" && rest[0] != 'l'
}

// plural reports whether lat[i:] is a final s (games, Williams): the magic
// e before it is still silent.
func plural(lat string, i int) bool {
	return i == len(lat)-1 && i > 0 && lat[i] == 's'
}

// digraphs are the Latin consonant pairs that usually spell one sound.
var digraphs = map[string]bool{
	"sh": true, "ch": true, "kh": true, "gh": true, "ph": true, "th": true,
	"dh": true, "bh": true, "jh": true, "zh": true, "rh": true, "ck": true,
}

// splitCost is the cost of reading a digraph as two letters (s+h for sh):
// possible (Mishal, Asghar), but a pair that makes one sound is read as one.
const splitCost = 0.3

// splitsDigraph reports whether a rule starting at lat[i] splits a
// digraph lat[i-1:i+1].
func splitsDigraph(lat string, i int) bool {
	return i > 0 && i < len(lat) && digraphs[lat[i-1:i+1]]
}

// costAt is r's cost where it starts at lat[i], in Roman Urdu or not.
func (r *rule) costAt(lat string, i int, roman bool) float64 {
	c := r.cost
	if splitsDigraph(lat, i) {
		c += splitCost
	}
	if roman && r.pos&english != 0 {
		c += romanEnglishCost
	}
	return c
}
