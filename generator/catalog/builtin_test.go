package catalog

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func loadBuiltins(t *testing.T, names ...string) *Set {
	t.Helper()
	s, diags := Load(fstest.MapFS{}, names)
	for _, d := range diags {
		t.Errorf("Load(%q): %v", names, d)
	}
	return s
}

// row is an item as catalog-facts.md gives it.
type row struct{ ID, Parent, TitleJa string }

func rows(c *Catalog, l Level) []row {
	var out []row
	c.Walk(func(it *Item) bool {
		if it.Level == l {
			r := row{ID: it.ID.Local, TitleJa: it.Title["ja"]}
			if it.Parent != nil {
				r.Parent = it.Parent.ID.Local
			}
			out = append(out, r)
		}
		return true
	})
	return out
}

func TestCIPCatalog(t *testing.T) {
	s := loadBuiltins(t, "cip")
	c, ok := s.Catalog("cip")
	if !ok {
		t.Fatal("no cip catalog")
	}
	if c.Version != "draft-2025-10" || !c.Partial || !c.Builtin {
		t.Errorf("cip version %q, partial %v, builtin %v; want draft-2025-10, true, true", c.Version, c.Partial, c.Builtin)
	}
	if c.Title["en"] != "Guidelines on the Roles Expected of Cyber Infrastructure Providers" ||
		c.Title["ja"] != "サイバーインフラ事業者に求められる役割等に関するガイドライン" {
		t.Errorf("cip title = %+v", c.Title)
	}
	for _, want := range []string{"draft-2025-10", "2026", "extends"} {
		if !strings.Contains(c.Note["en"], want) {
			t.Errorf("cip note (en) does not mention %q: %s", want, c.Note["en"])
		}
	}
	if !strings.Contains(c.Note["ja"], "個別要求") || !strings.Contains(c.Note["ja"], "2026") {
		t.Errorf("cip note (ja) does not say that the official text has more individual requirements: %s", c.Note["ja"])
	}

	type category struct{ ID, Responsibility, TitleJa, Party string }
	wantCategories := []category{
		{"(1)", "セキュリティ品質を確保したソフトウェアの設計・開発・供給・運用", "セキュアな設計・開発・供給・運用", Provider},
		{"(2)", "ソフトウェアサプライチェーンの管理", "ライフサイクル管理、透明性の確保", Provider},
		{"(3)", "残存脆弱性への速やかな対処", "残存する脆弱性の速やかな対処", Provider},
		{"(4)", "ソフトウェアに関するガバナンスの整備", "人材・プロセス・技術の整備", Provider},
		{"(5)", "サイバーインフラ事業者・ステークホルダー間の情報連携・協力体制の強化", "サイバーインフラ事業者・ステークホルダー間の関係強化", Provider},
		{"(6)", "顧客の経営層のリーダーシップによるリスク管理とソフトウェア調達・運用", "顧客によるリスク管理とセキュアなソフトウェアの調達・運用", Customer},
	}
	var gotCategories []category
	for _, it := range c.Items {
		gotCategories = append(gotCategories, category{it.ID.Local, it.Responsibility["ja"], it.Title["ja"], it.Party})
	}
	if diff := cmp.Diff(wantCategories, gotCategories); diff != "" {
		t.Errorf("cip categories (-want +got):\n%s", diff)
	}

	wantRequirements := []row{
		{"(1)-1", "(1)", "設計時のリスク評価と対策の追跡"},
		{"(1)-2", "(1)", "セキュアなビルド"},
		{"(1)-3", "(1)", "テスト"},
		{"(1)-4", "(1)", "サービスのモニタリング"},
		{"(2)-1", "(2)", "セキュアなコンポーネントの手配"},
		{"(2)-2", "(2)", "リリースファイルやデータのセキュアなアーカイブ"},
		{"(2)-3", "(2)", "関係者間のセキュリティ要件の確立"},
		{"(2)-4", "(2)", "利用者への適切な情報提供"},
		{"(3)-1", "(3)", "継続的な脆弱性調査"},
		{"(3)-2", "(3)", "検知した脆弱性への対処"},
		{"(3)-3", "(3)", "対処結果を組織のプロセス改善に活用"},
		{"(4)-1", "(4)", "人材:経営層のコミットメントと人員の整備"},
		{"(4)-2", "(4)", "プロセス:開発ポリシーの確立と法令順守"},
		{"(4)-3", "(4)", "プロセス:運用ポリシーの確立と法令順守"},
		{"(4)-4", "(4)", "プロセス:開発・運用基準の策定"},
		{"(4)-5", "(4)", "技術:セキュアな開発ツールの整備"},
		{"(4)-6", "(4)", "技術:セキュアな開発環境の整備"},
		{"(5)-1", "(5)", "情報連携のための組織体制"},
		{"(5)-2", "(5)", "協力体制の強化"},
		{"(6)-1", "(6)", "顧客経営層のリーダーシップによるリスク管理"},
		{"(6)-2", "(6)", "顧客経営層のリーダーシップによるソフトウェアの調達、運用"},
	}
	if diff := cmp.Diff(wantRequirements, rows(c, Requirement)); diff != "" {
		t.Errorf("cip requirements (-want +got):\n%s", diff)
	}

	wantIndividual := []row{
		{"S(1)-2.1", "(1)-2", "セキュア開発プロセス定義"},
		{"S(1)-2.2", "(1)-2", "セキュアビルド"},
		{"S(1)-2.3", "(1)-2", "検証とフィードバック"},
		{"S(1)-2.4", "(1)-2", "コードベース"},
		{"S(2)-2.1", "(2)-2", "コードベースの保護"},
		{"S(2)-2.2", "(2)-2", "リリースのアーカイブ"},
		{"S(2)-2.3", "(2)-2", "リリースの出所データの共有"},
		{"(6)-1.1", "(6)-1", "リスク管理"},
		{"(6)-1.2", "(6)-1", "リソース整備"},
		{"(6)-1.3", "(6)-1", "協力体制の活用"},
		{"(6)-2.1", "(6)-2", "セキュリティ要件の定義"},
		{"(6)-2.2", "(6)-2", "セキュリティ慣行の要求開示"},
		{"(6)-2.3", "(6)-2", "リスク評価に基づく意思決定"},
		{"(6)-2.4", "(6)-2", "予算確保"},
	}
	if diff := cmp.Diff(wantIndividual, rows(c, Individual)); diff != "" {
		t.Errorf("cip individual requirements (-want +got):\n%s", diff)
	}
	checkComplete(t, c)
}

// checkComplete checks what every built-in item must have: titles and summaries in both
// languages, a party under the guideline, and a position in its file.
func checkComplete(t *testing.T, c *Catalog) {
	t.Helper()
	c.Walk(func(it *Item) bool {
		if it.Title["ja"] == "" || it.Title["en"] == "" || it.Summary["ja"] == "" || it.Summary["en"] == "" {
			t.Errorf("%s: %s lacks a title or summary in a language: %+v %+v", it.Pos, it.ID.Qualified(), it.Title, it.Summary)
		}
		if c.ID == "cip" && it.Party == "" {
			t.Errorf("%s: %s has no party", it.Pos, it.ID.Qualified())
		}
		if it.Level == Category && c.ID == "cip" && (it.Responsibility["ja"] == "" || it.Responsibility["en"] == "") {
			t.Errorf("%s: %s lacks its responsibility", it.Pos, it.ID.Qualified())
		}
		if !strings.HasPrefix(it.Pos.File, "builtin:"+c.ID) || it.Pos.Line == 0 {
			t.Errorf("%s has position %v", it.ID.Qualified(), it.Pos)
		}
		return true
	})
}

func TestSSDFCatalog(t *testing.T) {
	s := loadBuiltins(t, "ssdf")
	c, _ := s.Catalog("ssdf")
	if c == nil || c.Version != "1.1" || c.Partial {
		t.Fatalf("ssdf catalog = %+v", c)
	}
	if !strings.Contains(c.Note["en"], "unofficial translations") {
		t.Errorf("ssdf note does not say that Japanese titles are unofficial translations: %s", c.Note["en"])
	}
	// Groups and practices with their official titles; tasks by ID.
	want := map[string]string{
		"PO": "Prepare the Organization",
		"PS": "Protect the Software",
		"PW": "Produce Well-Secured Software",
		"RV": "Respond to Vulnerabilities",

		"PO.1": "Define Security Requirements for Software Development",
		"PO.2": "Implement Roles and Responsibilities",
		"PO.3": "Implement Supporting Toolchains",
		"PO.4": "Define and Use Criteria for Software Security Checks",
		"PO.5": "Implement and Maintain Secure Environments for Software Development",
		"PS.1": "Protect All Forms of Code from Unauthorized Access and Tampering",
		"PS.2": "Provide a Mechanism for Verifying Software Release Integrity",
		"PS.3": "Archive and Protect Each Software Release",
		"PW.1": "Design Software to Meet Security Requirements and Mitigate Security Risks",
		"PW.2": "Review the Software Design to Verify Compliance with Security Requirements and Risk Information",
		"PW.4": "Reuse Existing, Well-Secured Software When Feasible Instead of Duplicating Functionality",
		"PW.5": "Create Source Code by Adhering to Secure Coding Practices",
		"PW.6": "Configure the Compilation, Interpreter, and Build Processes to Improve Executable Security",
		"PW.7": "Review and/or Analyze Human-Readable Code to Identify Vulnerabilities and Verify Compliance with Security Requirements",
		"PW.8": "Test Executable Code to Identify Vulnerabilities and Verify Compliance with Security Requirements",
		"PW.9": "Configure Software to Have Secure Settings by Default",
		"RV.1": "Identify and Confirm Vulnerabilities on an Ongoing Basis",
		"RV.2": "Assess, Prioritize, and Remediate Vulnerabilities",
		"RV.3": "Analyze Vulnerabilities to Identify Their Root Causes",
	}
	tasks := "PO.1.1 PO.1.2 PO.1.3 PO.2.1 PO.2.2 PO.2.3 PO.3.1 PO.3.2 PO.3.3 PO.4.1 PO.4.2 PO.5.1 PO.5.2 " +
		"PS.1.1 PS.2.1 PS.3.1 PS.3.2 " +
		"PW.1.1 PW.1.2 PW.1.3 PW.2.1 PW.4.1 PW.4.2 PW.4.4 PW.5.1 PW.6.1 PW.6.2 PW.7.1 PW.7.2 PW.8.1 PW.8.2 PW.9.1 PW.9.2 " +
		"RV.1.1 RV.1.2 RV.1.3 RV.2.1 RV.2.2 RV.3.1 RV.3.2 RV.3.3 RV.3.4"
	var gotTasks []string
	got := map[string]string{}
	c.Walk(func(it *Item) bool {
		if it.Level == Individual {
			gotTasks = append(gotTasks, it.ID.Local)
		} else {
			got[it.ID.Local] = it.Title["en"]
		}
		return true
	})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ssdf groups and practices (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(strings.Fields(tasks), gotTasks); diff != "" {
		t.Errorf("ssdf tasks (-want +got):\n%s", diff)
	}
	if n := [3]int{c.Count(Category), c.Count(Requirement), c.Count(Individual)}; n != [3]int{4, 19, 42} {
		t.Errorf("ssdf has %v groups, practices, tasks; want 4, 19, 42", n)
	}
	for _, absent := range []string{"PW.3", "PW.4.3"} {
		if _, ok := c.Lookup(absent); ok {
			t.Errorf("ssdf has %s, which v1.1 does not", absent)
		}
	}
	checkComplete(t, c)
}

func TestCrosswalk(t *testing.T) {
	if s := loadBuiltins(t, "cip"); len(s.Crosswalks) != 0 {
		t.Errorf("crosswalk loaded without ssdf")
	}
	s := loadBuiltins(t, "cip", "ssdf")
	if len(s.Crosswalks) != 1 {
		t.Fatalf("%d crosswalks, want 1", len(s.Crosswalks))
	}
	x := s.Crosswalks[0]
	if x.Official || !strings.Contains(x.Note["en"], "Informative, not official") || !strings.Contains(x.Note["ja"], "公式の対応表ではない") {
		t.Errorf("crosswalk official %v, note %+v; want it marked informative, not official", x.Official, x.Note)
	}
	// catalog-facts.md: exactly these links.
	want := "S(2)-2.1 PS.1.1; S(2)-2.2 PS.3.1; S(2)-2.3 PS.3.2; (2)-4 PS.2.1; (1)-1 PW.1; (1)-1 PW.2; (1)-2 PW.6; " +
		"(1)-3 PW.8; (3)-1 RV.1; (3)-2 RV.2; (3)-3 RV.3; (4)-1 PO.2; (4)-5 PO.3; (4)-6 PO.5"
	wantSet := map[string]bool{}
	for _, l := range strings.Split(want, "; ") {
		wantSet[l] = true
	}
	gotSet := map[string]bool{}
	for _, l := range x.Links {
		gotSet[l.From.Local+" "+l.To.Local] = true
		if l.From.Framework != "cip" || l.To.Framework != "ssdf" {
			t.Errorf("link %v has the wrong frameworks", l)
		}
	}
	if diff := cmp.Diff(wantSet, gotSet); diff != "" {
		t.Errorf("crosswalk links (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ID{{"ssdf", "PW.1"}, {"ssdf", "PW.2"}}, s.Related(ID{"cip", "(1)-1"})); diff != "" {
		t.Errorf("Related((1)-1) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ID{{"cip", "S(2)-2.3"}}, s.Related(ID{"ssdf", "PS.3.2"})); diff != "" {
		t.Errorf("Related(PS.3.2) (-want +got):\n%s", diff)
	}
	if got := s.Related(ID{"cip", "(5)-1"}); len(got) != 0 {
		t.Errorf("Related((5)-1) = %v, want none", got)
	}
}

func TestSet(t *testing.T) {
	s := loadBuiltins(t, "ssdf", "cip")
	if s.Default().ID != "ssdf" {
		t.Errorf("default framework %q, want ssdf (the first name)", s.Default().ID)
	}
	all := s.All()
	if len(all) != 4+19+42+6+21+14 {
		t.Errorf("All() has %d items", len(all))
	}
	// Document order: catalogs as named, each depth first.
	var first []string
	for _, it := range all[:4] {
		first = append(first, it.ID.Qualified())
	}
	if diff := cmp.Diff([]string{"ssdf:PO", "ssdf:PO.1", "ssdf:PO.1.1", "ssdf:PO.1.2"}, first); diff != "" {
		t.Errorf("All() starts (-want +got):\n%s", diff)
	}
	if last := all[len(all)-1].ID.Qualified(); last != "cip:(6)-2.4" {
		t.Errorf("All() ends with %s", last)
	}
	if got := s.Format(ID{"cip", "(1)-2"}); got != "cip:(1)-2" {
		t.Errorf("Format = %q", got)
	}
	if got := s.Format(ID{"ssdf", "PW.6.1"}); got != "PW.6.1" {
		t.Errorf("Format = %q", got)
	}
	it, ok := s.Lookup(ID{"cip", "(6)-2.2"})
	if !ok || it.Party != Customer || it.Parent.ID.Local != "(6)-2" || it.Parent.Parent.ID.Local != "(6)" {
		t.Errorf("Lookup((6)-2.2) = %+v", it)
	}
	c, _ := s.Catalog("cip")
	if it, ok := c.BySlug("s1-2-1"); !ok || it.ID.Local != "S(1)-2.1" {
		t.Errorf("BySlug(s1-2-1) = %v", it)
	}
	var skipped []string
	c.Walk(func(it *Item) bool {
		skipped = append(skipped, it.ID.Local)
		return it.Level == Category && it.ID.Local == "(6)"
	})
	if diff := cmp.Diff([]string{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(6)-1", "(6)-2"}, skipped); diff != "" {
		t.Errorf("Walk with skipping (-want +got):\n%s", diff)
	}
	if got := (Text{"ja": "日本語", "en": "English"}).In("ja-JP"); got != "日本語" {
		t.Errorf("In(ja-JP) = %q", got)
	}
	if got := (Text{"ja": "日本語"}).In("en"); got != "日本語" {
		t.Errorf("In(en) without English = %q", got)
	}
	if got := (Text{"ja": "日本語", "en": "English"}).In("fr"); got != "English" {
		t.Errorf("In(fr) = %q", got)
	}
}

// TestLevelNames: each catalog names its levels as its framework does (an SSDF task is
// not an individual requirement).
func TestLevelNames(t *testing.T) {
	s := loadBuiltins(t, "cip", "ssdf")
	names := func(c *Catalog, lang string) []string {
		var out []string
		for _, l := range []Level{Category, Requirement, Individual} {
			out = append(out, c.LevelName(l).In(lang))
		}
		return out
	}
	cip, _ := s.Catalog("cip")
	ssdf, _ := s.Catalog("ssdf")
	for _, tc := range []struct {
		c    *Catalog
		lang string
		want []string
	}{
		{cip, "ja", []string{"要求事項カテゴリ", "要求事項", "個別要求"}},
		{cip, "en", []string{"Requirement category", "Requirement", "Individual requirement"}},
		{ssdf, "ja", []string{"グループ", "プラクティス", "タスク"}},
		{ssdf, "en", []string{"Group", "Practice", "Task"}},
	} {
		if diff := cmp.Diff(tc.want, names(tc.c, tc.lang)); diff != "" {
			t.Errorf("%s level names in %s (-want +got):\n%s", tc.c.ID, tc.lang, diff)
		}
	}
}
