// Command digest prints SHA256SUMS for a folder using integrity.Tree; it exists
// so bench/digest.sh can time the package against GNU sha256sum.
//
// Usage: go run ./generator/integrity/bench/cmd/digest DIR > SHA256SUMS
package main

import (
	"fmt"
	"os"

	"github.com/evident-dev/evident/generator/integrity"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: digest DIR")
		os.Exit(2)
	}
	entries, err := integrity.Tree(os.Args[1])
	if err == nil {
		err = integrity.WriteSums(os.Stdout, entries)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "digest:", err)
		os.Exit(1)
	}
}
