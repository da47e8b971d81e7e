package csaf

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// Key is an OpenPGP private key that signs CSAF documents, decrypted.
type Key struct {
	entity *openpgp.Entity
}

// ErrEncrypted is returned by ParseKey for an encrypted key given without a passphrase.
var ErrEncrypted = errors.New("the OpenPGP private key is encrypted, and no passphrase was given")

// ParseKey reads an ASCII-armored OpenPGP private key (gpg --armor --export-secret-keys),
// holding one key, and decrypts it with passphrase when it is encrypted.
func ParseKey(armored, passphrase []byte) (*Key, error) {
	el, err := readKeys(armored, openpgp.PrivateKeyType)
	if err != nil {
		return nil, err
	}
	e := el[0]
	if e.PrivateKey == nil {
		return nil, errors.New("the key has no private part: export it with gpg --armor --export-secret-keys")
	}
	encrypted := e.PrivateKey.Encrypted
	for _, sk := range e.Subkeys {
		encrypted = encrypted || sk.PrivateKey != nil && sk.PrivateKey.Encrypted
	}
	if encrypted {
		if len(passphrase) == 0 {
			return nil, ErrEncrypted
		}
		if err := e.DecryptPrivateKeys(passphrase); err != nil {
			return nil, fmt.Errorf("cannot decrypt the OpenPGP private key (wrong passphrase?): %w", err)
		}
	}
	return &Key{entity: e}, nil
}

// Fingerprint is the fingerprint of the key's primary key, upper-case hexadecimal.
func (k *Key) Fingerprint() string { return fingerprint(k.entity) }

// PublicKeyFingerprint returns the fingerprint of an ASCII-armored OpenPGP public key
// (gpg --armor --export) that holds one key, upper-case hexadecimal. A private key is
// refused: the site publishes this key.
func PublicKeyFingerprint(armored []byte) (string, error) {
	el, err := readKeys(armored, openpgp.PublicKeyType)
	if err != nil {
		return "", err
	}
	return fingerprint(el[0]), nil
}

// readKeys reads an armored block of blockType holding exactly one key.
func readKeys(armored []byte, blockType string) (openpgp.EntityList, error) {
	kind := map[string]string{openpgp.PublicKeyType: "public", openpgp.PrivateKeyType: "private"}[blockType]
	block, err := armor.Decode(bytes.NewReader(armored))
	if err != nil {
		return nil, fmt.Errorf("not an ASCII-armored OpenPGP %s key: %w", kind, err)
	}
	if block.Type != blockType {
		if block.Type == openpgp.PrivateKeyType {
			return nil, fmt.Errorf("this is a private key (%s), not a public one: the site publishes this key, so give the public key (gpg --armor --export)", block.Type)
		}
		return nil, fmt.Errorf("an ASCII-armored %s, not an OpenPGP %s key (%s)", block.Type, kind, blockType)
	}
	el, err := openpgp.ReadKeyRing(block.Body)
	if err != nil {
		return nil, fmt.Errorf("not a valid OpenPGP %s key: %w", kind, err)
	}
	if len(el) != 1 {
		return nil, fmt.Errorf("the armored block holds %d OpenPGP keys; give exactly one", len(el))
	}
	return el, nil
}

func fingerprint(e *openpgp.Entity) string {
	return strings.ToUpper(fmt.Sprintf("%x", e.PrimaryKey.Fingerprint))
}

// MismatchError is a private key that is not the private half of the site's public key.
type MismatchError struct {
	Private, Public string // fingerprints
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("the OpenPGP private key %s does not belong to the site's public key %s", e.Private, e.Public)
}

// Signer signs CSAF documents with a private key, whose public key the site publishes.
type Signer struct {
	key    *Key
	public []byte // the armored public key, as published
}

// NewSigner returns a Signer of key, whose public key is public (ASCII-armored, as the
// site publishes it). A key that does not match is a *MismatchError.
func NewSigner(key *Key, public []byte) (*Signer, error) {
	fpr, err := PublicKeyFingerprint(public)
	if err != nil {
		return nil, err
	}
	if fpr != key.Fingerprint() {
		return nil, &MismatchError{Private: key.Fingerprint(), Public: fpr}
	}
	return &Signer{key: key, public: public}, nil
}

// Fingerprint is the fingerprint of the signing key.
func (s *Signer) Fingerprint() string { return s.key.Fingerprint() }

// sign returns the detached, ASCII-armored signature of data, made at the start of date
// (YYYY-MM-DD, UTC), or when the signing key was created if that is later: the time
// comes from the content, so that signing twice with an Ed25519 or RSA key gives the
// same bytes.
func (s *Signer) sign(data []byte, date string) ([]byte, error) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return nil, fmt.Errorf("the document's date %q: %w", date, err)
	}
	e := s.key.entity
	if _, ok := e.SigningKey(t); !ok {
		// A key made after the document was released cannot sign at its date: the
		// signature is then dated when the first key able to sign was created.
		var times []time.Time
		for _, pk := range append([]*packet.PublicKey{e.PrimaryKey}, subkeys(e)...) {
			if pk.CreationTime.After(t) {
				times = append(times, pk.CreationTime)
			}
		}
		slices.SortFunc(times, time.Time.Compare)
		i := slices.IndexFunc(times, func(c time.Time) bool { _, ok := e.SigningKey(c); return ok })
		if i < 0 {
			return nil, fmt.Errorf("the OpenPGP key %s has no key that can sign on %s or later (expired or revoked?)", s.Fingerprint(), date)
		}
		t = times[i]
	}
	// go-crypto salts v4 signatures with a random notation by default (against fault
	// attacks on EdDSA); evident's output is deterministic, so the salt is off. A v6 key
	// salts every signature, and ECDSA is randomized: those give new bytes each build.
	salted := false
	cfg := &packet.Config{Time: func() time.Time { return t }, DefaultHash: crypto.SHA512,
		NonDeterministicSignaturesViaNotation: &salted}
	var b bytes.Buffer
	if err := openpgp.ArmoredDetachSign(&b, e, bytes.NewReader(data), cfg); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

func subkeys(e *openpgp.Entity) []*packet.PublicKey {
	var out []*packet.PublicKey
	for _, sk := range e.Subkeys {
		out = append(out, sk.PublicKey)
	}
	return out
}
