package csaftest

import (
	"bytes"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// KeyCreated is when the keys of OpenPGPKey are made: before any date the tests' sites use.
var KeyCreated = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// OpenPGPKey makes a throwaway OpenPGP key, "ed25519" or "rsa" (2048 bits), and returns
// its private key (encrypted with passphrase when it is not empty) and its public key,
// both ASCII-armored as gpg exports them.
func OpenPGPKey(t testing.TB, algo, passphrase string) (private, public []byte) {
	t.Helper()
	cfg := &packet.Config{Time: func() time.Time { return KeyCreated }}
	switch algo {
	case "ed25519":
		cfg.Algorithm = packet.PubKeyAlgoEdDSA
	case "rsa":
		cfg.Algorithm, cfg.RSABits = packet.PubKeyAlgoRSA, 2048
	default:
		t.Fatalf("unknown key algorithm %q", algo)
	}
	e, err := openpgp.NewEntity("Example PSIRT", "test key", "psirt@example.com", cfg)
	if err != nil {
		t.Fatal(err)
	}
	write := func(blockType string, serialize func(w *bytes.Buffer) error) []byte {
		var b bytes.Buffer
		w, err := armor.Encode(&b, blockType, nil)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		if err := serialize(&body); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
		return b.Bytes()
	}
	public = write(openpgp.PublicKeyType, func(w *bytes.Buffer) error { return e.Serialize(w) })
	if passphrase == "" {
		private = write(openpgp.PrivateKeyType, func(w *bytes.Buffer) error { return e.SerializePrivate(w, cfg) })
		return private, public
	}
	if err := e.EncryptPrivateKeys([]byte(passphrase), cfg); err != nil {
		t.Fatal(err)
	}
	private = write(openpgp.PrivateKeyType, func(w *bytes.Buffer) error { return e.SerializePrivateWithoutSigning(w, cfg) })
	return private, public
}
