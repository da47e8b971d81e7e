//go:build !unix

package site

import (
	"errors"
	"os"
)

// lockFile is not supported here: cache folders are then never taken for stale.
func lockFile(*os.File) error { return errors.ErrUnsupported }

// ownedBySelf reports false, so that nothing is cleaned.
func ownedBySelf(os.FileInfo) bool { return false }
