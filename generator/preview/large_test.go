package preview

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// TestLargeSiteModelChange: on a site with many evidence items, an edit that changes the
// model (a title) is rendered from scratch, which is faster there than a partial
// rebuild of every page; an edit of a statement stays partial.
func TestLargeSiteModelChange(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var archive strings.Builder
	archive.WriteString(siteTxtar[:strings.Index(siteTxtar, "-- content/")])
	for i := range 320 {
		fmt.Fprintf(&archive, "-- content/evidence/e%04d.md --\n+++\ntitle = \"Evidence %d\"\nrequirements = [\"(1)-3\"]\nstatus = \"implemented\"\nreviewed = 2026-10-01\n+++\nStatement %d.\n", i, i, i)
	}
	root := writeSite(t, archive.String())
	p, err := New(context.Background(), Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	file := filepath.Join(root, "content/evidence/e0007.md")
	replaceInFile(t, root, "content/evidence/e0007.md", "Statement 7.", "Statement seven.")
	if b := p.Rebuild([]fsnotify.Event{{Name: file, Op: fsnotify.Write}}); !b.OK() || b.Full {
		t.Errorf("statement edit: %+v, want a partial rebuild", b)
	}
	replaceInFile(t, root, "content/evidence/e0007.md", `title = "Evidence 7"`, `title = "Evidence seven"`)
	if b := p.Rebuild([]fsnotify.Event{{Name: file, Op: fsnotify.Write}}); !b.OK() || !b.Full {
		t.Errorf("title edit: %+v, want a render from scratch", b)
	}
}
