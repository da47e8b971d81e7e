//go:build !linux

package sitefs

import (
	"io/fs"
	"os"
)

func open(dir, name string) (*os.File, error) { return openRoot(dir, name) }

func stat(dir, name string, follow bool) (fs.FileInfo, error) { return statRoot(dir, name, follow) }
