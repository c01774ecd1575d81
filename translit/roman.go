package translit

import (
	"math"
	"strings"
	"unicode"

	"github.com/jawab/jawab/text"
)

// romanFunction maps the Roman Urdu spellings of function words (and of a
// few very common words whose Urdu spelling the rules get wrong, such as
// daura دورہ with its final ہ) to their Urdu words, likeliest first. These
// are closed-class words: a table is exact where generated spellings of two
// or three letters would be guesses.
var romanFunction = map[string][]string{
	// postpositions and case markers
	"ne": {"نے"}, "ka": {"کا"}, "ki": {"کی"}, "ke": {"کے", "کہ"}, "ko": {"کو"},
	"se": {"سے"}, "mein": {"میں"}, "main": {"میں"}, "me": {"میں"}, "men": {"میں"},
	"mai": {"میں"}, "mei": {"میں"},
	"par": {"پر"}, "pe": {"پر"}, "per": {"پر"}, "tak": {"تک"},
	"liye": {"لیے"}, "liay": {"لیے"}, "lye": {"لیے"}, "liyay": {"لیے"},
	"sath": {"ساتھ"}, "saath": {"ساتھ"}, "baad": {"بعد"}, "bad": {"بعد"},
	"pehle": {"پہلے"}, "pehlay": {"پہلے"}, "pahle": {"پہلے"},
	"darmiyan": {"درمیان"}, "darmian": {"درمیان"}, "drmyan": {"درمیان"},
	"dauran": {"دوران"}, "doran": {"دوران"}, "mutabiq": {"مطابق"},
	// conjunctions and particles
	"aur": {"اور"}, "or": {"اور"}, "ya": {"یا"}, "k": {"کہ"}, "keh": {"کہ"},
	"to": {"تو"}, "bhi": {"بھی"}, "hi": {"ہی"}, "na": {"نہ"},
	"nahi": {"نہیں"}, "nahin": {"نہیں"}, "nhi": {"نہیں"}, "nai": {"نہیں"},
	"lekin": {"لیکن"}, "magar": {"مگر"}, "agar": {"اگر"}, "jab": {"جب"},
	"phir": {"پھر"}, "wa": {"و"}, "o": {"و"},
	// pronouns and determiners
	"yeh": {"یہ"}, "ye": {"یہ"}, "yah": {"یہ"}, "woh": {"وہ"}, "wo": {"وہ"},
	"vo": {"وہ"}, "voh": {"وہ"}, "is": {"اس"}, "us": {"اس"}, "in": {"ان"},
	"un": {"ان"}, "unhon": {"انہوں"}, "unhone": {"انہوں"}, "unho": {"انہوں"},
	"inhon": {"انہوں"}, "jis": {"جس"}, "jo": {"جو"}, "jin": {"جن"},
	"apne": {"اپنے"}, "apnay": {"اپنے"}, "apna": {"اپنا"}, "apni": {"اپنی"},
	"hum": {"ہم"}, "ham": {"ہم"}, "aap": {"آپ"}, "ap": {"آپ"},
	"ek": {"ایک"}, "aik": {"ایک"}, "koi": {"کوئی"}, "kuch": {"کچھ"},
	"kuchh": {"کچھ"}, "sab": {"سب"}, "har": {"ہر"}, "kisi": {"کسی"},
	"bohat": {"بہت"}, "bahut": {"بہت"}, "bohot": {"بہت"}, "bht": {"بہت"},
	// question words
	"kya": {"کیا"}, "kia": {"کیا"}, "kab": {"کب"}, "kis": {"کس"},
	"kaun": {"کون"}, "kon": {"کون"}, "koun": {"کون"}, "kaunsa": {"کونسا", "کون"},
	"konsa": {"کونسا", "کون"}, "kaunsi": {"کونسی", "کون"}, "konsi": {"کونسی", "کون"},
	"kahan": {"کہاں"}, "kahaan": {"کہاں"}, "kidhar": {"کدھر"},
	"kitni": {"کتنی"}, "kitne": {"کتنے"}, "kitna": {"کتنا"}, "kitnay": {"کتنے"},
	"kaise": {"کیسے"}, "kese": {"کیسے"}, "kaisay": {"کیسے"}, "kaisi": {"کیسی"},
	"kaisa": {"کیسا"}, "kyun": {"کیوں"}, "kyon": {"کیوں"}, "kyu": {"کیوں"},
	"kiyun": {"کیوں"}, "kiun": {"کیوں"},
	// auxiliaries and light verbs
	"hai": {"ہے"}, "he": {"ہے"}, "hay": {"ہے"}, "hain": {"ہیں"}, "hein": {"ہیں"},
	"hen": {"ہیں"}, "hai'n": {"ہیں"},
	"tha": {"تھا"}, "thi": {"تھی"}, "the": {"تھے"}, "thay": {"تھے"}, "thin": {"تھیں"},
	"thein": {"تھیں"}, "ho": {"ہو"}, "hua": {"ہوا"}, "huwa": {"ہوا"}, "hoa": {"ہوا"},
	"hui": {"ہوئی"}, "hoi": {"ہوئی"}, "huyi": {"ہوئی"}, "hue": {"ہوئے"},
	"huay": {"ہوئے"}, "hoe": {"ہوئے"}, "huye": {"ہوئے"}, "hoye": {"ہوئے"},
	"hota": {"ہوتا"}, "hoti": {"ہوتی"}, "hote": {"ہوتے"}, "hotay": {"ہوتے"},
	"hoga": {"ہوگا"}, "hogi": {"ہوگی"}, "honge": {"ہوں"}, "hon": {"ہوں"},
	"kiya": {"کیا"}, "kiye": {"کیے"}, "kiay": {"کیے"}, "kiyay": {"کیے"},
	"diye": {"دیے"}, "diay": {"دیے"}, "diyay": {"دیے"}, "dye": {"دیے"},
	"kar": {"کر"}, "karne": {"کرنے"}, "karnay": {"کرنے"}, "karna": {"کرنا"},
	"karte": {"کرتے"}, "kartay": {"کرتے"}, "karta": {"کرتا"}, "karti": {"کرتی"},
	"gaya": {"گیا"}, "gya": {"گیا"}, "gayi": {"گئی"}, "gai": {"گئی"}, "gyi": {"گئی"},
	"gaye": {"گئے"}, "gae": {"گئے"}, "gaey": {"گئے"}, "gye": {"گئے"},
	"raha": {"رہا"}, "rahi": {"رہی"}, "rahe": {"رہے"}, "rahay": {"رہے"},
	"diya": {"دیا"}, "dia": {"دیا"}, "di": {"دی"}, "liya": {"لیا"}, "lia": {"لیا"},
	"sakta": {"سکتا"}, "sakti": {"سکتی"}, "sakte": {"سکتے"}, "saktay": {"سکتے"},
	"wala": {"والا"}, "wali": {"والی"}, "wale": {"والے"}, "walay": {"والے"},
	"chahiye": {"چاہیے"}, "chahye": {"چاہیے"},
	// phone (SMS) spellings, which drop the vowel or write a final e as y:
	// "kitny helicopter diye", "Moscow mn kb", "Russia sy"
	"ny": {"نے"}, "sy": {"سے"}, "ky": {"کے", "کی"}, "pr": {"پر"},
	"mn": {"میں"}, "mny": {"میں"}, "hy": {"ہے"}, "hn": {"ہیں"}, "thy": {"تھے"},
	"kb": {"کب"}, "ks": {"کس"}, "kitny": {"کتنے"}, "kitnee": {"کتنی"},
	"hoy": {"ہوئے"}, "huy": {"ہوئے"}, "gy": {"گئے"}, "rhy": {"رہے"}, "rha": {"رہا"},
	"rhi": {"رہی"}, "wly": {"والے"}, "waly": {"والے"},
	// common words with a final ہ, an ع or a hamza no rule predicts
	"daura": {"دورہ"}, "dora": {"دورہ"}, "doura": {"دورہ"},
	"tareekh": {"تاریخ"}, "tarikh": {"تاریخ"}, "tareek": {"تاریخ"}, "tarekh": {"تاریخ"},
	"dauray": {"دورے"}, "daure": {"دورے"}, "dore": {"دورے"},
	"azam": {"اعظم"}, "aazam": {"اعظم"},
	"kaha": {"کہا"}, "kahi": {"کہی"}, "kahe": {"کہے"},
}

// romanFunctionUrdu is the set of Urdu words in romanFunction.
var romanFunctionUrdu = func() map[string]bool {
	s := map[string]bool{}
	for _, us := range romanFunction {
		for _, u := range us {
			s[u] = true
		}
	}
	// the content words among them are not function words
	for _, u := range []string{"دورہ", "دورے", "درمیان", "دوران", "مطابق", "اعظم"} {
		delete(s, u)
	}
	return s
}()

// romanMarkers weighs how much a Latin word says that a sentence is Roman
// Urdu. Words that are also common in English or another Latin-script
// language (me, main, to, the, se, ne, ke, in, is) weigh less.
var romanMarkers = func() map[string]float64 {
	m := map[string]float64{}
	for w := range romanFunction {
		m[w] = 1
	}
	for _, w := range []string{
		"ne", "se", "me", "main", "men", "mai", "mei", "ke", "pe", "par", "per",
		"the", "to", "or", "is", "us", "in", "un", "ho", "he", "hi", "ya", "na",
		"o", "wa", "k", "di", "dia", "bad", "ham", "hum", "har", "jo", "ek",
		"ap", "tak", "sab", "hen", "hon", "kar", "ye", "kon", "jab", "din", "dora",
		"ny", "pr", "thy", "ks", "dye",
	} {
		m[w] = 0.4
	}
	// frequent Roman Urdu content words in news questions
	for _, w := range []string{
		"saal", "sal", "mahine", "maheene", "mahina", "hafte", "hafta", "roz",
		"rooz", "waqt", "mulaqat", "mulaqaat", "mulakat", "wazir", "azam",
		"wazireazam", "hukumat", "mulk", "mumalik", "muahida", "muahide",
		"muahiday", "tijarat", "maeeshat", "maishat", "maeshat", "sadar",
		"taluqat", "talluqat", "rishte", "masla", "qeemat", "keemat", "fauj",
		"siyasat", "siyasi", "khareed", "khareedari", "bijli", "tawanai",
		"intikhabat", "election", "shehar", "sheher", "darmiyan", "dauran",
		"daura", "doura", "dauray", "daure", "dore", "mutabiq", "tareekh", "tarikh",
		// and the verbs questions ask with, which no English word spells
		"likha", "likhe", "likhi", "batai", "bataya", "batayi", "btaya", "btai",
		"mila", "mili", "bheja", "bheje", "bheji", "kharida", "kharide", "khareeda",
		"shuru", "khatam", "banaya", "banaye", "banai", "jeeta", "jeete", "jeeti",
		// and the words of the day's news questions: today, yesterday,
		// new, again, people, died, came ("aaj corona ke kitne naye cases
		// aaye?" was read as no language, "corona se kitne log mare?" as
		// English)
		"aaj", "aj", "kal", "naye", "naya", "nayi", "naey", "dobara", "dubara", "abhi",
		"log", "logon", "logo", "mare", "maray", "mari", "halak", "jaan", "aaye", "aaya", "aayi",
	} {
		if _, ok := m[w]; !ok {
			m[w] = 0.6
		}
	}
	return m
}()

// foreignStopwords are function words of English and of the other
// Latin-script languages a question may come in (French, German, Spanish,
// Portuguese, Italian, Dutch, Indonesian and Malay), each weighing 1
// against Roman Urdu. A word Roman Urdu shares (se, me, ne, ke, in, to)
// counts on both sides.
var foreignStopwords = setOfWords(`
the a an of and is are was were when what who whom which where why how did
does do has have had with for from to in on at by about between that this
these those will would can could it its be been or not as than many much
visit visited there their they he she his her we you your our my
le la les de du des un une et est sont quand qui que quoi où comment
pourquoi avec pour dans sur par il elle ils été au aux ce cette ne pas son
sa ses visité combien quel quelle
der die das den dem des und ist sind war wann wer was wie wo warum mit für
von zu im auf ein eine einen hat haben nicht besuchte besucht welche
welcher nach über
el los las del y es son fue cuando cuándo quién qué cómo dónde por para
con en una visitó cuántos cuál se su al
o os as da dos das e é foi quando quem com em no na um uma visitou
il lo gli di della che è chi come dove perché per ha hanno visitato
het een en wanneer wie wat van met voor bezocht
yang dan di ke dari untuk dengan ini itu tidak ada pada kapan apa siapa
bagaimana mengapa berapa adalah akan sudah telah mengunjungi oleh dalam
juga atau
`)

func setOfWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// RomanThreshold is the RomanUrduScore from which IsRomanUrdu says yes. A
// sentence with one unambiguous Roman Urdu function word and nothing
// foreign scores 0.63; one with only words Roman Urdu shares with English
// (to, the, in, is) or with evidence against it scores below 0.5. Chosen on
// the sentences in roman_test.go.
const RomanThreshold = 0.5

// RomanUrduScore says, in [0,1], how sure it is that q, a Latin-script
// sentence, is Roman Urdu. Each word that is a Roman Urdu marker (function
// words such as ne, ka, ki, ke, mein, se, hai, kya, kab, kitni, kis, kaun,
// kahan, ko, aur, tha, kiya, gaya, and frequent news words such as saal,
// mulaqat, wazir) adds its weight u; each function word of English or
// another Latin-script language, each word with an accent (Roman Urdu has
// none) and, by a quarter, each ordinary English word adds to f. The score
// is (1 − e^−u) · u/(u+f): more markers make it surer, foreign words pull it
// down. Arabic-script text scores 0.
func RomanUrduScore(q string) float64 {
	var u, f float64
	for _, w := range latinWords(q) {
		if w.arabic {
			return 0
		}
		if wt, ok := romanMarkers[w.text]; ok {
			u += wt
		}
		switch {
		case foreignStopwords[w.text]:
			// French "ne" comes with "pas", which counts in full.
			if wt := romanMarkers[w.text]; wt > 0 {
				f += 1 - wt/2
			} else {
				f++
			}
		case w.accent:
			f++
		case romanMarkers[w.text] == 0 && IsEnglishWord(w.text):
			// Lightly: Roman Urdu borrows English nouns ("kitni vaccine
			// doses di", "gas pipeline kitne kilometer lambi hai"); at half
			// a point such questions were read as English or as neither.
			f += 0.25
		}
	}
	if u == 0 {
		return 0
	}
	return (1 - math.Exp(-u)) * u / (u + f)
}

// IsRomanUrdu reports whether RomanUrduScore(q) ≥ RomanThreshold.
func IsRomanUrdu(q string) bool { return RomanUrduScore(q) >= RomanThreshold }

type latinWord struct {
	text   string // lower-case, accents kept
	accent bool   // has a letter outside a–z
	arabic bool   // an Arabic-script word
}

// latinWords splits q into lower-case words at everything but letters,
// digits and apostrophes inside a word.
func latinWords(q string) []latinWord {
	var out []latinWord
	var b strings.Builder
	var cur latinWord
	flush := func() {
		if b.Len() > 0 {
			cur.text = strings.Trim(b.String(), "'")
			if cur.text != "" {
				out = append(out, cur)
			}
		}
		b.Reset()
		cur = latinWord{}
	}
	for _, r := range q {
		switch {
		case r >= 0x0600 && r <= 0x06FF && unicode.IsLetter(r):
			cur.arabic = true
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’':
			r = unicode.ToLower(r)
			if r == '’' {
				r = '\''
			}
			if r > 'z' {
				cur.accent = true
			}
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// RomanTerm is one Latin word of a Roman Urdu question and the Urdu words
// it may be, weighted.
type RomanTerm struct {
	Latin string
	Urdu  []Match
}

// romanKeep is how far below the best match a Roman Urdu content word's
// other matches may score and still be kept.
const romanKeep = 0.2

// RomanUrdu renders a Roman Urdu question word by word in Urdu, in order.
// Function words map by a table (ne → نے, kab → کب, mein → میں …) with score
// 1; other words are matched against the vocabulary as [Matcher.Transliterate]
// does (no English-word factor: Roman Urdu spells Urdu words, some of which
// are also English words) and keep the matches within 0.2 of the best (at
// most three, each at least MinScore; none when the vocabulary has no
// likely spelling). Numbers are kept as they are (the vocabulary has ASCII
// digits). The izafat "e" of "wazir-e-azam" is dropped, and a compound the
// vocabulary writes as one word (وزیراعظم) adds a term whose Latin is the
// two words joined by a space, after the words' own terms.
func (m *Matcher) RomanUrdu(q string) []RomanTerm {
	var out []RomanTerm
	prev := ""      // the previous content word, "" after anything else
	izafat := false // an izafat e stands between prev and this word
	for _, w := range latinWords(q) {
		lat := strings.ReplaceAll(w.text, "'", "")
		switch {
		case w.arabic:
			prev = ""
			continue
		case lat == "e" || lat == "i":
			izafat = prev != ""
			continue
		case text.IsDigits(lat):
			out = append(out, RomanTerm{Latin: lat, Urdu: []Match{{Word: lat, Score: 1}}})
			prev, izafat = "", false
			continue
		}
		t := RomanTerm{Latin: w.text}
		content := true
		if us, ok := romanFunction[lat]; ok {
			for i, u := range us {
				t.Urdu = append(t.Urdu, Match{Word: u, Score: 1 - 0.1*float64(i)})
			}
			content = !romanFunctionUrdu[us[0]]
		} else {
			t.Urdu = keepNear(m.latinToUrdu(latinLetters(lat), 1, true))
		}
		out = append(out, t)
		if !content {
			prev, izafat = "", false
			continue
		}
		if prev != "" {
			if c, ok := m.compound(prev, w.text, izafat); ok {
				out = append(out, c)
			}
		}
		prev, izafat = w.text, false
	}
	return out
}

// keepNear keeps the matches within romanKeep of the best.
func keepNear(ms []Match) []Match {
	if len(ms) == 0 {
		return nil
	}
	out := ms[:1]
	for _, x := range ms[1:] {
		if x.Score >= ms[0].Score-romanKeep {
			out = append(out, x)
		}
	}
	return out
}

// compound matches two Roman Urdu words (with the izafat e between them
// when izafat is set) as one vocabulary word, confidently and as a single
// word, not a split.
func (m *Matcher) compound(a, b string, izafat bool) (RomanTerm, bool) {
	la, lb := latinLetters(a), latinLetters(b)
	if len(la)+len(lb) >= maxAlign {
		return RomanTerm{}, false
	}
	joined := []string{la + lb}
	if izafat {
		joined = append(joined, la+"e"+lb)
	}
	var best Match
	for _, j := range joined {
		if ms := m.matches(m.rankLatin(j, 1, true)); len(ms) > 0 && ms[0].Score > best.Score {
			best = ms[0]
		}
	}
	if best.Score < NameThreshold {
		return RomanTerm{}, false
	}
	return RomanTerm{Latin: a + " " + b, Urdu: []Match{best}}, true
}
