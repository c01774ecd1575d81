package load

// The phrase lists the cleaner matches, in key form (see key): lower case,
// words of letters and digits joined by one space, Arabic letter forms folded to
// Urdu. They name page furniture, never article content, and are matched
// against whole lines only, so an article that uses the same words in a
// sentence is not touched.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// uiWords make up share, print and follow lines ("Share", "شیئر کریں:",
// "Follow us on Twitter"). A line made only of them is dropped anywhere.
var uiWords = set(
	"share", "shares", "sharing", "shared", "tweet", "print", "email", "mail", "e", "whatsapp",
	"facebook", "twitter", "linkedin", "telegram", "pinterest", "reddit", "copy", "link", "save",
	"bookmark", "advertisement", "sponsored", "follow", "us", "on", "menu", "skip", "to",
	"content", "subscribe", "newsletter", "this", "article", "story", "the",
	"شیئر", "شئیر", "کریں", "کیجیے", "کیجئے", "ٹویٹ", "ٹوئٹ", "پرنٹ", "واٹس", "ایپ",
	"فیس", "بک", "ٹوئٹر", "ٹوئیٹر", "ٹویٹر", "لنکڈان", "لنک", "کاپی", "ای", "میل", "اشتہار",
	"فالو", "ہمیں", "پر",
)

// uiFiller are the uiWords that also occur in headings; a line made only of
// them ("The Story") is not a share line.
var uiFiller = set("us", "on", "to", "this", "the", "article", "story", "e", "content", "کریں", "کیجیے", "کیجئے", "ہمیں", "پر")

// relatedMarkers are headings of related-content lists: "مشہور خبریں۔",
// "Related articles", "یہ بھی پڑھیں".
var relatedMarkers = set(
	"مشہور خبریں", "متعلقہ خبریں", "متعلقہ", "متعلقہ مضامین", "یہ بھی پڑھیں", "یہ بھی پڑھیے",
	"یہ بھی پڑھئے", "یہ بھی پڑھیئے", "مزید پڑھیں", "مزید پڑھیے", "مزید خبریں", "تازہ ترین",
	"تازہ ترین خبریں", "اہم خبریں", "اسی بارے میں", "مقبول خبریں", "مقبول ترین",
	"زیادہ پڑھی جانے والی خبریں", "سب سے زیادہ پڑھی جانے والی خبریں", "دیگر خبریں",
	"related", "related articles", "related news", "related stories", "related posts",
	"read more", "also read", "read also", "see also", "more stories", "more news",
	"most popular", "most read", "popular", "popular posts", "trending", "trending now",
	"you may also like", "you might also like", "recommended", "recommended for you",
	"latest news", "top stories", "more from this section",
)

// commentLines are the headings, prompts and field labels of comment forms.
var commentLines = set(
	"تبصرے", "تبصرہ", "آپ کی رائے", "اپنی رائے سے آگاہ کریں", "اپنی رائے کا اظہار کریں",
	"نام", "ای میل", "ویب سائٹ", "تبصرہ شائع کریں", "comment", "name", "website",
	"post comment", "submit", "cancel reply",
)

// strongCommentLines only ever head a comment form; rule 2 ends the article at them.
var strongCommentLines = set(
	"جواب دیں", "جواب دیجیے", "تبصرہ کریں", "اپنا تبصرہ لکھیں", "اپنا تبصرہ بھیجیں", "اپنی رائے دیں",
	"leave a reply", "leave a comment", "post a comment", "add a comment", "comments",
	"join the discussion", "join the conversation",
)

// commentNotices are the fixed sentences of comment forms, matched inside a line.
var commentNotices = []string{
	"email address will not be published", "required fields are marked",
	"save my name email and website", "ای میل ایڈریس شائع نہیں", "ضروری خانوں کو",
}

// breadcrumbLabels label tag and category lines: "مزید : کھیل", "Tags: …".
var breadcrumbLabels = set(
	"مزید", "ٹیگز", "ٹیگ", "زمرہ", "زمرے", "کیٹیگری", "کیٹگری", "موضوعات",
	"tags", "tag", "tagged", "category", "categories", "filed under", "topics",
)

// creditPrefixes start photo credit lines.
var creditPrefixes = []string{
	"تصویر کے کاپی رائٹ", "image copyright", "photo credit", "image credit", "فوٹو کریڈٹ",
	"تصویر بشکریہ", "فوٹو بشکریہ",
}

// creditLabels label photo credits before a colon: "Photo: Reuters".
var creditLabels = set("photo", "photos", "image", "تصویر", "فوٹو", "picture")

// creditSuffixes end short photo credit lines: "شٹر اسٹاک فوٹو", "AFP file photo".
var creditSuffixes = set("فوٹو", "photo", "screenshot", "شاٹ")
