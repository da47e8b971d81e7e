// Command hugosrc writes the Hugo project that evident renders for a site, so plain Hugo
// can render the same input: go run ./bench/cmd/hugosrc SITE OUT
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/evident-dev/evident/generator/build"
	"github.com/evident-dev/evident/generator/check"
	"github.com/evident-dev/evident/generator/site"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: hugosrc SITE OUT")
	}
	root, err := filepath.Abs(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	res := check.Run(root, check.Options{})
	if !res.OK(false) {
		log.Fatal(res.Diagnostics)
	}
	in, err := build.Prepare(res, "evident bench")
	if err != nil {
		log.Fatal(err)
	}
	if err := site.WriteSource(in, os.Args[2]); err != nil {
		log.Fatal(err)
	}
}
