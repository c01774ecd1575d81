package text

// The Urdu stopword list of urduhack (https://github.com/urduhack/urduhack),
// MIT licence, Copyright (c) 2019 Ikram Ali; see THIRD_PARTY.md.
//
// Source: urduhack/stop_words.py ("version = 2020.05.29") at commit
// 72d45f0b68c7f836083bd5915d03efd56ab0bb55,
// https://github.com/urduhack/urduhack/blob/72d45f0b68c7f836083bd5915d03efd56ab0bb55/urduhack/stop_words.py
// (458 words), less the 28 that urduhack's next revision of the list
// ("version = 2020.08.01", the list later releases ship) took out, which are
// numbers, dates, times and greetings that carry answers in news:
//
//	آداب آدھ آدھا آدھی آدھے اتوار ارب اربویں اگست بیگم تہائی تین دگنا
//	محترمی منٹ منٹوں نو وعلیکم پونا پہر چوگنی کل گرما گرمی گھنٹا گھنٹوں
//	گھنٹے ہزار
//
// The 430 words below are that list as urduhack has it, in its order. Every
// entry is already in folded form (see [Fold]); a test checks that, and that
// none has the mis-encodings of the stopwords-iso list ("ضے" for سے).
//
// jawab then leaves out the question words (urduhackQuestionWords), as
// [IsStopword] does: they carry the intent of a question and are what the
// answerer reads answer-type cues from.
var urduhackStopwords = setWithout(urduhackList, urduhackQuestionWords)

// urduhackQuestionWords are the interrogatives in urduhack's list. کیا is not
// among them: it is far more often the perfective of کرنا ("did") or the
// yes/no particle than "what", and our own list has it as a stopword too.
// (کتنا, کتنی, کتنے "how much/many" are not in urduhack's list.)
var urduhackQuestionWords = []string{
	"کب",     // when
	"کون",    // who
	"کونسا",  // which
	"کونسے",  // which (oblique, plural)
	"کس",     // which, whom (oblique)
	"کسی",    // which (feminine); also "some, any"
	"کسے",    // whom
	"کن",     // which, whom (oblique plural)
	"کنہیں",  // whom (plural)
	"کیوں",   // why
	"کیونکر", // how, how come
	"کہاں",   // where
	"کدھر",   // where, which way
	"کیسا",   // how, what kind
	"کیسے",   // how
}

var urduhackList = []string{
	"آ", "آئی", "آئیں", "آئے", "آتا", "آتی", "آتے", "آس", "آمدید", "آنا",
	"آنسہ", "آنی", "آنے", "آپ", "آگے", "آہ", "آہا", "آیا", "اب", "ابھی",
	"ابے", "ارے", "اس", "اسکا", "اسکی", "اسکے", "اسی", "اسے", "اف", "افوہ",
	"البتہ", "الف", "ان", "اندر", "انکا", "انکی", "انکے", "انہوں", "انہی", "انہیں",
	"اوئے", "اور", "اوپر", "اوہو", "اپ", "اپنا", "اپنوں", "اپنی", "اپنے", "اپنےآپ",
	"اکثر", "اگر", "اگرچہ", "اہاہا", "ایسا", "ایسی", "ایسے", "ایک", "بائیں", "بار",
	"بارے", "بالکل", "باوجود", "باہر", "بج", "بجے", "بخیر", "بشرطیکہ", "بعد", "بعض",
	"بغیر", "بلکہ", "بن", "بنا", "بناؤ", "بند", "بڑی", "بھر", "بھریں", "بھی",
	"بہت", "بہتر", "تاکہ", "تاہم", "تب", "تجھ", "تجھی", "تجھے", "ترا", "تری",
	"تلک", "تم", "تمام", "تمہارا", "تمہاروں", "تمہاری", "تمہارے", "تمہیں", "تو", "تک",
	"تھا", "تھی", "تھیں", "تھے", "تیرا", "تیری", "تیرے", "جا", "جاؤ", "جائیں",
	"جائے", "جاتا", "جاتی", "جاتے", "جانی", "جانے", "جب", "جبکہ", "جدھر", "جس",
	"جسے", "جن", "جناب", "جنہوں", "جنہیں", "جو", "جہاں", "جی", "جیسا", "جیسوں",
	"جیسی", "جیسے", "حالانکہ", "حالاں", "حصہ", "حضرت", "خاطر", "خالی", "خواہ", "خوب",
	"خود", "دائیں", "درمیان", "دریں", "دو", "دوران", "دوسرا", "دوسروں", "دوسری", "دوں",
	"دکھائیں", "دی", "دیئے", "دیا", "دیتا", "دیتی", "دیتے", "دیر", "دینا", "دینی",
	"دینے", "دیکھو", "دیں", "دیے", "دے", "ذریعے", "رکھا", "رکھتا", "رکھتی", "رکھتے",
	"رکھنا", "رکھنی", "رکھنے", "رکھو", "رکھی", "رکھے", "رہ", "رہا", "رہتا", "رہتی",
	"رہتے", "رہنا", "رہنی", "رہنے", "رہو", "رہی", "رہیں", "رہے", "ساتھ", "سامنے",
	"ساڑھے", "سب", "سبھی", "سراسر", "سمیت", "سوا", "سوائے", "سکا", "سکتا", "سکتے",
	"سہ", "سہی", "سی", "سے", "شاید", "شکریہ", "صاحب", "صاحبہ", "صرف", "ضرور",
	"طرح", "طرف", "طور", "علاوہ", "عین", "فقط", "فلاں", "فی", "قبل", "قطا",
	"لئے", "لائی", "لائے", "لاتا", "لاتی", "لاتے", "لانا", "لانی", "لانے", "لایا",
	"لو", "لوجی", "لوگوں", "لگ", "لگا", "لگتا", "لگتی", "لگی", "لگیں", "لگے",
	"لہذا", "لی", "لیا", "لیتا", "لیتی", "لیتے", "لیکن", "لیں", "لیے", "لے",
	"ماسوا", "مت", "مجھ", "مجھی", "مجھے", "محترم", "محترمہ", "محض", "مرا", "مرحبا",
	"مری", "مرے", "مزید", "مس", "مسز", "مسٹر", "مطابق", "مل", "مکرمی", "مگر",
	"مگھر", "مہربانی", "میرا", "میروں", "میری", "میرے", "میں", "نا", "نزدیک", "نما",
	"نہ", "نہیں", "نیز", "نیچے", "نے", "و", "وار", "واسطے", "واقعی", "والا",
	"والوں", "والی", "والے", "واہ", "وجہ", "ورنہ", "وغیرہ", "ولے", "وگرنہ", "وہ",
	"وہاں", "وہی", "وہیں", "ویسا", "ویسے", "ویں", "پاس", "پایا", "پر", "پس",
	"پلیز", "پون", "پونی", "پونے", "پھر", "پہ", "پہلا", "پہلی", "پہلے", "پیر",
	"پیچھے", "چاہئے", "چاہتے", "چاہیئے", "چاہے", "چلا", "چلو", "چلیں", "چلے", "چناچہ",
	"چند", "چونکہ", "چکی", "چکیں", "چکے", "ڈالنا", "ڈالنی", "ڈالنے", "ڈالے", "کئے",
	"کا", "کاش", "کب", "کبھی", "کدھر", "کر", "کرتا", "کرتی", "کرتے", "کرم",
	"کرنا", "کرنے", "کرو", "کریں", "کرے", "کس", "کسی", "کسے", "کم", "کن",
	"کنہیں", "کو", "کوئی", "کون", "کونسا", "کونسے", "کچھ", "کہ", "کہا", "کہاں",
	"کہہ", "کہی", "کہیں", "کہے", "کی", "کیا", "کیسا", "کیسے", "کیونکر", "کیونکہ",
	"کیوں", "کیے", "کے", "گئی", "گئے", "گا", "گنا", "گو", "گویا", "گی",
	"گیا", "ہائیں", "ہائے", "ہاں", "ہر", "ہرچند", "ہرگز", "ہم", "ہمارا", "ہماری",
	"ہمارے", "ہمی", "ہمیں", "ہو", "ہوئی", "ہوئیں", "ہوئے", "ہوا", "ہوبہو", "ہوتا",
	"ہوتی", "ہوتیں", "ہوتے", "ہونا", "ہونگے", "ہونی", "ہونے", "ہوں", "ہی", "ہیلو",
	"ہیں", "ہے", "یا", "یات", "یعنی", "یک", "یہ", "یہاں", "یہی", "یہیں",
}

// setWithout returns the set of words less the ones in without.
func setWithout(words, without []string) map[string]struct{} {
	m := setOf(words...)
	for _, w := range without {
		delete(m, w)
	}
	return m
}

// IsUrduhackStopword reports whether tok, a folded token as returned by
// [Tokens], is in urduhack's Urdu stopword list less its question words (see
// urduhackStopwords). It is an alternative to the Urdu half of [IsStopword],
// kept apart so that the two can be measured against each other; nothing in
// jawab uses it yet.
func IsUrduhackStopword(tok string) bool {
	_, ok := urduhackStopwords[tok]
	return ok
}
