package integrity

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkTree digests 64 files of 16 MiB (1 GiB) with Tree. The files are
// created once per run; -short uses 64 files of 1 MiB.
func BenchmarkTree(b *testing.B) {
	const files = 64
	fileSize := 16 << 20
	if testing.Short() {
		fileSize = 1 << 20
	}
	dir := b.TempDir()
	chunk := make([]byte, 1<<20)
	for i := range files {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("artifact-%02d.bin", i)))
		if err != nil {
			b.Fatal(err)
		}
		for written := 0; written < fileSize; written += len(chunk) {
			rand.Read(chunk)
			if _, err := f.Write(chunk); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(files * fileSize))
	b.ResetTimer()
	for b.Loop() {
		entries, err := Tree(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(entries) != files {
			b.Fatalf("Tree found %d files, want %d", len(entries), files)
		}
	}
}
