package csaf

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	gocsaf "github.com/gocsaf/csaf/v3/csaf"

	"github.com/evident-dev/evident/internal/csaftest"
)

func signer(t *testing.T, algo string) (*Signer, []byte) {
	t.Helper()
	private, public := csaftest.OpenPGPKey(t, algo, "")
	k, err := ParseKey(private, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSigner(k, public)
	if err != nil {
		t.Fatal(err)
	}
	return s, public
}

// TestSigned: with a key, each document has a detached signature that verifies with the
// published public key and is dated at the document's current release; the provider is
// a trusted provider that lists the key; two runs give the same bytes, for an Ed25519
// and an RSA key.
func TestSigned(t *testing.T) {
	for _, algo := range []string{"ed25519", "rsa"} {
		t.Run(algo, func(t *testing.T) {
			s, public := signer(t, algo)
			m := testModel(t)
			files := mustFiles(t, m, s)
			again := mustFiles(t, testModel(t), s)
			if len(files) != len(again) {
				t.Fatalf("%d files, then %d", len(files), len(again))
			}
			for p, b := range files {
				if !bytes.Equal(b, again[p]) {
					t.Errorf("%s differs between two runs", p)
				}
			}

			keyPath := keyDir + s.Fingerprint() + ".asc"
			if !bytes.Equal(files[keyPath], public) {
				t.Errorf("%s is not the site's public key", keyPath)
			}
			keyring, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(files[keyPath]))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range documents(files) {
				sig := files[p+".asc"]
				signed, err := openpgp.CheckArmoredDetachedSignature(keyring, bytes.NewReader(files[p]), bytes.NewReader(sig),
					&packet.Config{Time: func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }})
				if err != nil || signed == nil {
					t.Errorf("%s.asc: %v", p, err)
					continue
				}
				var doc struct {
					Document struct {
						Tracking struct {
							Current string `json:"current_release_date"`
						}
					}
				}
				if err := json.Unmarshal(files[p], &doc); err != nil {
					t.Fatal(err)
				}
				if got := signatureTime(t, sig); got.Format(time.DateOnly) != doc.Document.Tracking.Current[:10] {
					t.Errorf("%s.asc is dated %s, want the document's %s", p, got, doc.Document.Tracking.Current)
				}
				// A changed document does not verify.
				changed := bytes.Replace(files[p], []byte(`"final"`), []byte(`"draft"`), 1)
				if _, err := openpgp.CheckArmoredDetachedSignature(keyring, bytes.NewReader(changed), bytes.NewReader(sig), nil); err == nil && !bytes.Equal(changed, files[p]) {
					t.Errorf("%s.asc verifies a changed document", p)
				}
			}

			var md gocsaf.ProviderMetadata
			if err := json.Unmarshal(files[metadataPath], &md); err != nil {
				t.Fatal(err)
			}
			if len(md.Distributions) != 2 || md.Distributions[1].Rolie == nil || len(md.Distributions[1].Rolie.Feeds) != 1 ||
				string(*md.Distributions[1].Rolie.Feeds[0].URL) != "https://trust.example.com/"+feedPath {
				t.Errorf("provider metadata: distributions %+v; want the directory and the ROLIE feed", md.Distributions)
			}
			if *md.Role != gocsaf.MetadataRoleTrustedProvider || len(md.PGPKeys) != 1 ||
				string(md.PGPKeys[0].Fingerprint) != s.Fingerprint() || *md.PGPKeys[0].URL != "https://trust.example.com/"+keyPath {
				t.Errorf("provider metadata: role %s, keys %+v", *md.Role, md.PGPKeys)
			}
			rf, err := gocsaf.LoadROLIEFeed(bytes.NewReader(files[feedPath]))
			if err != nil {
				t.Fatal(err)
			}
			rf.Entries(func(e *gocsaf.Entry) {
				if last := e.Link[len(e.Link)-1]; last.Rel != "signature" || !strings.HasSuffix(last.HRef, ".json.asc") {
					t.Errorf("feed entry %s lists no signature: %+v", e.ID, e.Link)
				}
			})
			want := roleTrustedProvider
			if m.CSAF.Role != want || !m.CSAF.Signed || m.CSAF.KeyFingerprint != s.Fingerprint() || m.CSAF.KeyURL != "https://trust.example.com/"+keyPath {
				t.Errorf("m.CSAF = %+v", m.CSAF)
			}
		})
	}
}

// signatureTime reads the creation time of an armored signature.
func signatureTime(t *testing.T, armored []byte) time.Time {
	t.Helper()
	block, err := armorDecode(armored)
	if err != nil {
		t.Fatal(err)
	}
	p, err := packet.Read(block)
	if err != nil {
		t.Fatal(err)
	}
	sig, ok := p.(*packet.Signature)
	if !ok {
		t.Fatalf("%T, want a signature", p)
	}
	return sig.CreationTime.UTC()
}

// TestKeys: keys are checked before anything is signed.
func TestKeys(t *testing.T) {
	private, public := csaftest.OpenPGPKey(t, "ed25519", "")
	_, otherPublic := csaftest.OpenPGPKey(t, "ed25519", "")
	k, err := ParseKey(private, nil)
	if err != nil {
		t.Fatal(err)
	}
	fpr, err := PublicKeyFingerprint(public)
	if err != nil || fpr != k.Fingerprint() || len(fpr) != 40 || strings.ToUpper(fpr) != fpr {
		t.Errorf("fingerprints %q and %q (%v); want the same 40 upper-case hex digits", fpr, k.Fingerprint(), err)
	}

	// The private key of another public key: an error naming both.
	_, err = NewSigner(k, otherPublic)
	var mismatch *MismatchError
	otherFpr, _ := PublicKeyFingerprint(otherPublic)
	if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), k.Fingerprint()) || !strings.Contains(err.Error(), otherFpr) {
		t.Errorf("mismatched keys: %v", err)
	}

	// A private key where the public one is expected is refused: the site publishes it.
	if _, err := PublicKeyFingerprint(private); err == nil || !strings.Contains(err.Error(), "private key") {
		t.Errorf("a private key as the public key: %v", err)
	}
	if _, err := ParseKey(public, nil); err == nil {
		t.Error("a public key as the private key: no error")
	}
	for _, bad := range []string{"", "not a key", "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n"} {
		if _, err := PublicKeyFingerprint([]byte(bad)); err == nil {
			t.Errorf("PublicKeyFingerprint(%q): no error", bad)
		}
	}

	// An encrypted key needs its passphrase, and the right one.
	encrypted, _ := csaftest.OpenPGPKey(t, "ed25519", "correct horse")
	if _, err := ParseKey(encrypted, nil); !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted key without passphrase: %v, want ErrEncrypted", err)
	}
	if _, err := ParseKey(encrypted, []byte("wrong")); err == nil {
		t.Error("encrypted key with a wrong passphrase: no error")
	}
	ek, err := ParseKey(encrypted, []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	s := &Signer{key: ek}
	if _, err := s.sign([]byte("{}\n"), "2026-01-01"); err != nil {
		t.Errorf("signing with a decrypted key: %v", err)
	}
}

// TestSignBeforeKey: a document older than the key is signed when the key was made.
func TestSignBeforeKey(t *testing.T) {
	s, _ := signer(t, "ed25519")
	sig, err := s.sign([]byte("{}\n"), "2010-05-01")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := signatureTime(t, sig), csaftest.KeyCreated; !got.Equal(want) {
		t.Errorf("signature dated %s, want the key's creation %s", got, want)
	}
}

func armorDecode(b []byte) (io.Reader, error) {
	block, err := armor.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return block.Body, nil
}
