package when

import (
	"slices"
	"testing"
)

// A question asks how the reports compare when a clause holds a plural word
// for reports and a word that compares them or asks what they say.
func TestCompareAsked(t *testing.T) {
	tests := []struct {
		q    string
		want []string // nil: no request
	}{
		{"What role does Saif Ali Khan play in the film? Do the reports agree?", []string{"reports", "agree"}},
		{"How big is the plan - do both reports give the same figure?", []string{"reports", "same", "both"}},
		{"When did the Test begin? The sources differ.", []string{"sources", "differ"}},
		{"What do the newspapers say about the flood toll?", []string{"newspapers", "say"}},
		{"Are the accounts of the attack conflicting?", []string{"accounts", "conflicting"}},
		{"کیا سیلاب میں جاں بحق افراد کی تعداد کے بارے میں خبریں متفق ہیں؟", []string{"خبریں", "متفق"}},
		{"صدر نے راہداری کو کن منصوبوں پر مشتمل بتایا؟ دونوں خبروں میں کیا فرق ہے؟", []string{"خبروں", "فرق", "دونوں"}},
		{"تھر میں کتنی ٹیمیں کام کر رہی تھیں؟ نومبر 2014 کی خبریں کیا کہتی ہیں؟", []string{"خبریں", "کہتی"}},
		{"پنجاب میں گندم کی خریداری کب سے شروع ہو گی؟ مختلف خبروں میں کیا بتایا گیا؟", []string{"خبروں", "مختلف", "بتایا"}},
		{"انتخابات کے بارے میں متضاد دعوے کیا ہیں؟", []string{"دعوے", "متضاد"}},
		{"کیا رپورٹس ایک دوسرے سے مختلف ہیں؟", []string{"رپورٹس", "مختلف"}},
		// Roman Urdu.
		{"Imran Khan ka dharna kab khatam hua? dono khabron mein kya farq hai?", []string{"khabron", "farq", "dono"}},
		{"Thar mein kitni teamein kaam kar rahi thin? khabrein kya kehti hain?", []string{"khabrein", "kehti"}},
		// A single report, or reports that are not compared.
		{"What did the report say about the flood toll?", nil},
		{"According to sources, who will be the next chief?", nil},
		{"Which two countries agreed in July 2014 to build two nuclear units?", nil},
		{"How many of the agreements signed were about energy?", nil},
		{"Last month, what did the mufti say about different moon sightings?", nil},
		{"خبر کے مطابق کتنے افراد جاں بحق ہوئے؟", nil},
		{"ذرائع کے مطابق اجلاس کب ہو گا؟", nil},
		{"دونوں ٹیموں کے درمیان میچ کا کیا نتیجہ رہا؟", nil},
		{"taza tareen khabar kya hai?", nil}, // one report
		{"dono teamon mein kya farq tha?", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got := CompareAsked(tt.q)
		if !slices.Equal(got, tt.want) {
			t.Errorf("CompareAsked(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// The question without the words that ask keeps its own words, the period
// among them.
func TestWithoutCompareWords(t *testing.T) {
	q := "تھر میں کتنی ٹیمیں کام کر رہی تھیں؟ نومبر 2014 کی خبریں کیا کہتی ہیں؟"
	got := Without(q, CompareAsked(q)...)
	if want := "تھر میں کتنی ٹیمیں کام کر رہی تھیں نومبر 2014 کی کیا ہیں"; got != want {
		t.Errorf("Without = %q, want %q", got, want)
	}
	if p := Parse(got, ref).Period; p.IsZero() || p.From.Month() != 11 {
		t.Errorf("the period is lost: %+v", p)
	}
	q = "What role does he play in the film? Do the reports agree?"
	if got, want := Without(q, CompareAsked(q)...), "What role does he play in the film? Do the ?"; got != want {
		t.Errorf("Without = %q, want %q", got, want)
	}
}
