package csaf

import (
	"testing"

	"github.com/evident-dev/evident/internal/csaftest"
)

// FuzzKeys: the key files a site and a build give never panic the parsers, and a key
// that reads has a fingerprint.
func FuzzKeys(f *testing.F) {
	private, public := csaftest.OpenPGPKey(f, "ed25519", "")
	f.Add(private)
	f.Add(public)
	f.Add([]byte("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEXgvhABYJKwYBBAHaRw8BAQdA\n-----END PGP PUBLIC KEY BLOCK-----\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if fpr, err := PublicKeyFingerprint(b); err == nil && len(fpr) < 40 {
			t.Errorf("fingerprint %q", fpr)
		}
		if k, err := ParseKey(b, []byte("passphrase")); err == nil && len(k.Fingerprint()) < 40 {
			t.Errorf("fingerprint %q", k.Fingerprint())
		}
	})
}
