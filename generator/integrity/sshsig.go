package integrity

// Detached signatures in the format of `ssh-keygen -Y sign` (OpenSSH's
// PROTOCOL.sshsig). The armored signature is base64 of the blob
//
//	byte[6] "SSHSIG"  uint32 1  string publickey  string namespace
//	string reserved   string hash_algorithm      string signature
//
// and signature is the key's signature over
//
//	byte[6] "SSHSIG"  string namespace  string reserved
//	string hash_algorithm  string H(message)

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"golang.org/x/crypto/ssh"
)

const (
	sigMagic      = "SSHSIG"
	sigVersion    = 1
	sigBegin      = "-----BEGIN SSH SIGNATURE-----"
	sigEnd        = "-----END SSH SIGNATURE-----"
	sigLineLength = 70 // what ssh-keygen writes
	maxSigSize    = 64 << 10
)

// SignSSH signs message the way `ssh-keygen -Y sign -n namespace` does, with
// SHA-512 as the message hash, and returns the armored signature. RSA keys sign
// with rsa-sha2-512.
func SignSSH(signer ssh.Signer, namespace string, message io.Reader) ([]byte, error) {
	if namespace == "" {
		return nil, errors.New("sshsig: empty namespace")
	}
	const hashAlg = "sha512"
	h := sha512.New()
	if _, err := digestInto(h, message); err != nil {
		return nil, err
	}
	data := signedData(namespace, hashAlg, h.Sum(nil))

	var sig *ssh.Signature
	var err error
	pub := signer.PublicKey()
	if pub.Type() == ssh.KeyAlgoRSA {
		as, ok := signer.(ssh.AlgorithmSigner)
		if !ok {
			return nil, errors.New("sshsig: RSA signer cannot sign with rsa-sha2-512")
		}
		sig, err = as.SignWithAlgorithm(rand.Reader, data, ssh.KeyAlgoRSASHA512)
	} else {
		sig, err = signer.Sign(rand.Reader, data)
	}
	if err != nil {
		return nil, fmt.Errorf("sshsig: %w", err)
	}

	var blob bytes.Buffer
	blob.WriteString(sigMagic)
	blob.Write(binary.BigEndian.AppendUint32(nil, sigVersion))
	writeString(&blob, pub.Marshal())
	writeString(&blob, []byte(namespace))
	writeString(&blob, nil) // reserved
	writeString(&blob, []byte(hashAlg))
	writeString(&blob, ssh.Marshal(sig))
	return armor(blob.Bytes()), nil
}

// VerifySSHSig checks an armored `ssh-keygen -Y sign` signature of message.
//
// pubKey holds one or more public keys, one per line, each as in a .pub file,
// an authorized_keys line or an allowed_signers line ("principals [options]
// keytype base64 [comment]"); '#' comments and blank lines are ignored. The key
// inside the signature must equal one of them. The signature's namespace must be
// namespace, its hash algorithm sha256 or sha512, and an RSA signature must be
// rsa-sha2-256 or rsa-sha2-512.
func VerifySSHSig(pubKey []byte, namespace string, message io.Reader, sig []byte) error {
	keys, err := parsePublicKeys(pubKey)
	if err != nil {
		return err
	}
	blob, err := dearmor(sig)
	if err != nil {
		return err
	}
	s, err := parseSigBlob(blob)
	if err != nil {
		return err
	}
	sigKey, err := ssh.ParsePublicKey(s.publicKey)
	if err != nil {
		return fmt.Errorf("sshsig: public key in signature: %w", err)
	}
	if _, ok := sigKey.(*ssh.Certificate); ok {
		return errors.New("sshsig: signatures made with certificates are not supported")
	}
	trusted := false
	for _, k := range keys {
		if bytes.Equal(k.Marshal(), s.publicKey) {
			trusted = true
			break
		}
	}
	if !trusted {
		return fmt.Errorf("sshsig: signed by %s %s, which is not the expected key", sigKey.Type(), ssh.FingerprintSHA256(sigKey))
	}
	if s.namespace != namespace {
		return fmt.Errorf("sshsig: signature namespace is %q, want %q", s.namespace, namespace)
	}
	var h hash.Hash
	switch s.hashAlg {
	case "sha512":
		h = sha512.New()
	case "sha256":
		h = sha256.New()
	default:
		return fmt.Errorf("sshsig: unsupported hash algorithm %q (want sha256 or sha512)", s.hashAlg)
	}
	var sshSig ssh.Signature
	if err := ssh.Unmarshal(s.signature, &sshSig); err != nil {
		return fmt.Errorf("sshsig: malformed signature: %w", err)
	}
	if sigKey.Type() == ssh.KeyAlgoRSA && sshSig.Format != ssh.KeyAlgoRSASHA512 && sshSig.Format != ssh.KeyAlgoRSASHA256 {
		return fmt.Errorf("sshsig: RSA signature algorithm %q is not allowed (want rsa-sha2-512 or rsa-sha2-256)", sshSig.Format)
	}
	if _, err := digestInto(h, message); err != nil {
		return err
	}
	if err := sigKey.Verify(signedData(s.namespace, s.hashAlg, h.Sum(nil)), &sshSig); err != nil {
		return fmt.Errorf("sshsig: signature does not match the message: %w", err)
	}
	return nil
}

func signedData(namespace, hashAlg string, digest []byte) []byte {
	var b bytes.Buffer
	b.WriteString(sigMagic)
	writeString(&b, []byte(namespace))
	writeString(&b, nil) // reserved
	writeString(&b, []byte(hashAlg))
	writeString(&b, digest)
	return b.Bytes()
}

func writeString(b *bytes.Buffer, s []byte) {
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(s))))
	b.Write(s)
}

func armor(blob []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(blob)
	var b bytes.Buffer
	b.WriteString(sigBegin + "\n")
	for len(enc) > sigLineLength {
		b.WriteString(enc[:sigLineLength] + "\n")
		enc = enc[sigLineLength:]
	}
	b.WriteString(enc + "\n")
	b.WriteString(sigEnd + "\n")
	return b.Bytes()
}

func dearmor(sig []byte) ([]byte, error) {
	if len(sig) > maxSigSize {
		return nil, errors.New("sshsig: signature file is too large")
	}
	text := strings.ReplaceAll(string(sig), "\r\n", "\n")
	_, body, ok := strings.Cut(text, sigBegin+"\n")
	if !ok {
		return nil, fmt.Errorf("sshsig: no %q line", sigBegin)
	}
	body, _, ok = strings.Cut(body, sigEnd)
	if !ok {
		return nil, fmt.Errorf("sshsig: no %q line", sigEnd)
	}
	blob, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(body), ""))
	if err != nil {
		return nil, fmt.Errorf("sshsig: bad base64: %w", err)
	}
	return blob, nil
}

type sigBlob struct {
	publicKey []byte
	namespace string
	hashAlg   string
	signature []byte
}

func parseSigBlob(b []byte) (*sigBlob, error) {
	if !bytes.HasPrefix(b, []byte(sigMagic)) {
		return nil, errors.New("sshsig: not an SSH signature (no SSHSIG magic)")
	}
	b = b[len(sigMagic):]
	if len(b) < 4 {
		return nil, errors.New("sshsig: truncated signature")
	}
	if v := binary.BigEndian.Uint32(b); v != sigVersion {
		return nil, fmt.Errorf("sshsig: unsupported signature version %d", v)
	}
	b = b[4:]
	var fields [5][]byte
	for i := range fields {
		if len(b) < 4 {
			return nil, errors.New("sshsig: truncated signature")
		}
		n := binary.BigEndian.Uint32(b)
		if uint64(n) > uint64(len(b)-4) {
			return nil, errors.New("sshsig: truncated signature")
		}
		fields[i], b = b[4:4+n], b[4+n:]
	}
	if len(b) != 0 {
		return nil, errors.New("sshsig: trailing data after signature")
	}
	return &sigBlob{
		publicKey: fields[0],
		namespace: string(fields[1]),
		// fields[2] is reserved; PROTOCOL.sshsig says to ignore its content.
		hashAlg:   string(fields[3]),
		signature: fields[4],
	}, nil
}

// parsePublicKeys reads every key in data: .pub, authorized_keys or
// allowed_signers lines.
func parsePublicKeys(data []byte) ([]ssh.PublicKey, error) {
	var keys []ssh.PublicKey
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := parseKeyLine(line)
		if err != nil {
			return nil, fmt.Errorf("sshsig: public key on line %d: %w", i+1, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("sshsig: no public key given")
	}
	return keys, nil
}

func parseKeyLine(line string) (ssh.PublicKey, error) {
	// An authorized_keys or .pub line, with or without options.
	if k, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line)); err == nil {
		return k, nil
	}
	// An allowed_signers line: principals and options come before the key type,
	// so start at the first field that parses as "keytype base64".
	fields := strings.Fields(line)
	for i := 1; i+1 < len(fields); i++ {
		if k, _, _, _, err := ssh.ParseAuthorizedKey([]byte(strings.Join(fields[i:], " "))); err == nil {
			return k, nil
		}
	}
	return nil, errors.New(`expected "keytype base64 [comment]", optionally after principals or options`)
}
