package integrity

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/evident-dev/evident/internal/testenv"
)

var testMessage = sumA + "  index.html\n"

func sshKeygen(t *testing.T) string {
	t.Helper()
	return testenv.NeedTool(t, "ssh-keygen")
}

func run(t *testing.T, dir string, stdin []byte, name string, args ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	return cmd.CombinedOutput()
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var keygenTypes = [][]string{
	{"-t", "ed25519"},
	{"-t", "ecdsa", "-b", "256"},
	{"-t", "ecdsa", "-b", "384"},
	{"-t", "rsa", "-b", "2048"},
}

// TestVerifySSHSigFromSSHKeygen verifies signatures that ssh-keygen made, and
// checks that tampering with the message, namespace or key is caught.
func TestVerifySSHSigFromSSHKeygen(t *testing.T) {
	bin := sshKeygen(t)
	for _, kt := range keygenTypes {
		t.Run(strings.Join(kt, ""), func(t *testing.T) {
			dir := t.TempDir()
			for _, k := range []string{"key", "other"} {
				if out, err := run(t, dir, nil, bin, append([]string{"-q", "-N", "", "-C", "test", "-f", k}, kt...)...); err != nil {
					t.Fatalf("ssh-keygen: %v\n%s", err, out)
				}
			}
			writeTree(t, dir, map[string]string{"SHA256SUMS": testMessage})
			if out, err := run(t, dir, nil, bin, "-Y", "sign", "-f", "key", "-n", "file", "SHA256SUMS"); err != nil {
				t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
			}
			sig := readFile(t, filepath.Join(dir, "SHA256SUMS.sig"))
			pub := readFile(t, filepath.Join(dir, "key.pub"))
			otherPub := readFile(t, filepath.Join(dir, "other.pub"))

			if err := VerifySSHSig(pub, "file", strings.NewReader(testMessage), sig); err != nil {
				t.Fatalf("valid signature rejected: %v", err)
			}
			// The same key as an allowed_signers line, and among several keys.
			if err := VerifySSHSig(append([]byte("release@example.com namespaces=\"file\" "), pub...), "file", strings.NewReader(testMessage), sig); err != nil {
				t.Errorf("allowed_signers line rejected: %v", err)
			}
			several := append(append([]byte("# keys\n"), otherPub...), pub...)
			if err := VerifySSHSig(several, "file", strings.NewReader(testMessage), sig); err != nil {
				t.Errorf("key among several rejected: %v", err)
			}

			for name, tc := range map[string]struct {
				pub       []byte
				namespace string
				msg       string
				want      string
			}{
				"message":   {pub, "file", strings.Replace(testMessage, "a", "b", 1), "does not match"},
				"namespace": {pub, "git", testMessage, `namespace is "file", want "git"`},
				"key":       {otherPub, "file", testMessage, "not the expected key"},
			} {
				err := VerifySSHSig(tc.pub, tc.namespace, strings.NewReader(tc.msg), sig)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("tampered %s: err = %v, want it to contain %q", name, err, tc.want)
				}
			}
		})
	}
}

// TestSignSSHAcceptedBySSHKeygen signs with SignSSH and asks ssh-keygen -Y verify.
func TestSignSSHAcceptedBySSHKeygen(t *testing.T) {
	bin := sshKeygen(t)
	for _, kt := range keygenTypes {
		t.Run(strings.Join(kt, ""), func(t *testing.T) {
			dir := t.TempDir()
			if out, err := run(t, dir, nil, bin, append([]string{"-q", "-N", "", "-f", "key"}, kt...)...); err != nil {
				t.Fatalf("ssh-keygen: %v\n%s", err, out)
			}
			signer, err := ssh.ParsePrivateKey(readFile(t, filepath.Join(dir, "key")))
			if err != nil {
				t.Fatal(err)
			}
			sig, err := SignSSH(signer, "file", strings.NewReader(testMessage))
			if err != nil {
				t.Fatal(err)
			}
			pub := readFile(t, filepath.Join(dir, "key.pub"))
			writeTree(t, dir, map[string]string{
				"allowed_signers": "release@example.com " + string(pub),
				"SHA256SUMS.sig":  string(sig),
			})
			verify := func(namespace, msg string) ([]byte, error) {
				return run(t, dir, []byte(msg), bin, "-Y", "verify", "-f", "allowed_signers",
					"-I", "release@example.com", "-n", namespace, "-s", "SHA256SUMS.sig")
			}
			if out, err := verify("file", testMessage); err != nil {
				t.Fatalf("ssh-keygen -Y verify rejected SignSSH's signature: %v\n%s", err, out)
			}
			if out, err := verify("file", testMessage+"x"); err == nil {
				t.Errorf("ssh-keygen -Y verify accepted a changed message:\n%s", out)
			}
			if out, err := verify("git", testMessage); err == nil {
				t.Errorf("ssh-keygen -Y verify accepted the wrong namespace:\n%s", out)
			}
			if err := VerifySSHSig(pub, "file", strings.NewReader(testMessage), sig); err != nil {
				t.Errorf("VerifySSHSig rejected SignSSH's signature: %v", err)
			}
		})
	}
}

func testSigners(t *testing.T) map[string]ssh.Signer {
	t.Helper()
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ssh.Signer{}
	for name, k := range map[string]any{"ed25519": edKey, "ecdsa": ecKey, "rsa": rsaKey} {
		s, err := ssh.NewSignerFromKey(k)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	return out
}

// craftSig builds a signature blob by hand so that tests can vary its fields.
func craftSig(t *testing.T, signer ssh.Signer, namespace, hashAlg string, digest []byte, sigAlg string) []byte {
	t.Helper()
	data := signedData(namespace, hashAlg, digest)
	sig, err := signer.(ssh.AlgorithmSigner).SignWithAlgorithm(rand.Reader, data, sigAlg)
	if err != nil {
		t.Fatal(err)
	}
	var blob bytes.Buffer
	blob.WriteString("SSHSIG\x00\x00\x00\x01")
	writeString(&blob, signer.PublicKey().Marshal())
	writeString(&blob, []byte(namespace))
	writeString(&blob, nil)
	writeString(&blob, []byte(hashAlg))
	writeString(&blob, ssh.Marshal(sig))
	return armor(blob.Bytes())
}

func TestVerifySSHSigHashAndAlgorithms(t *testing.T) {
	signers := testSigners(t)
	sum256 := sha256.Sum256([]byte(testMessage))
	ed, rsaSigner := signers["ed25519"], signers["rsa"]
	pub := func(s ssh.Signer) []byte { return ssh.MarshalAuthorizedKey(s.PublicKey()) }

	for name, tc := range map[string]struct {
		signer ssh.Signer
		sig    []byte
		want   string // "" for success
	}{
		"sha256 accepted":      {ed, craftSig(t, ed, "file", "sha256", sum256[:], ssh.KeyAlgoED25519), ""},
		"rsa-sha2-256":         {rsaSigner, craftSig(t, rsaSigner, "file", "sha256", sum256[:], ssh.KeyAlgoRSASHA256), ""},
		"md5 refused":          {ed, craftSig(t, ed, "file", "md5", sum256[:16], ssh.KeyAlgoED25519), "unsupported hash algorithm"},
		"ssh-rsa sha1 refused": {rsaSigner, craftSig(t, rsaSigner, "file", "sha256", sum256[:], ssh.KeyAlgoRSA), "not allowed"},
		"digest mismatch":      {ed, craftSig(t, ed, "file", "sha512", sum256[:], ssh.KeyAlgoED25519), "does not match"},
		"not armored":          {ed, []byte("U1NIU0lH"), "BEGIN SSH SIGNATURE"},
		"bad magic":            {ed, armor([]byte("NOTSIG\x00\x00\x00\x01")), "magic"},
		"bad version":          {ed, armor([]byte("SSHSIG\x00\x00\x00\x02")), "version 2"},
		"truncated":            {ed, armor([]byte("SSHSIG\x00\x00\x00\x01\x00\x00\x01\x00abc")), "truncated"},
	} {
		t.Run(name, func(t *testing.T) {
			err := VerifySSHSig(pub(tc.signer), "file", strings.NewReader(testMessage), tc.sig)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("err = %v, want success", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestSignSSHRoundTrip(t *testing.T) {
	signers := testSigners(t)
	for name, s := range signers {
		t.Run(name, func(t *testing.T) {
			sig, err := SignSSH(s, "file", strings.NewReader(testMessage))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(string(sig), "\n"), "\n")
			if lines[0] != sigBegin || lines[len(lines)-1] != sigEnd {
				t.Errorf("not armored:\n%s", sig)
			}
			for _, l := range lines[1 : len(lines)-1] {
				if len(l) > sigLineLength {
					t.Errorf("armor line longer than %d: %q", sigLineLength, l)
				}
			}
			pub := ssh.MarshalAuthorizedKey(s.PublicKey())
			if err := VerifySSHSig(pub, "file", strings.NewReader(testMessage), sig); err != nil {
				t.Fatalf("round trip: %v", err)
			}
			// CRLF line ends (a signature checked out on Windows) still verify.
			crlf := bytes.ReplaceAll(sig, []byte("\n"), []byte("\r\n"))
			if err := VerifySSHSig(pub, "file", strings.NewReader(testMessage), crlf); err != nil {
				t.Errorf("CRLF armor: %v", err)
			}
			if err := VerifySSHSig(pub, "file", strings.NewReader(testMessage+"\n"), sig); err == nil {
				t.Error("changed message verified")
			}
		})
	}
}

func TestVerifySSHSigBadKeys(t *testing.T) {
	for _, k := range []string{"", "# only a comment\n", "not a key", "ssh-ed25519 !!!notbase64"} {
		if err := VerifySSHSig([]byte(k), "file", strings.NewReader(""), nil); err == nil {
			t.Errorf("key %q accepted", k)
		}
	}
}
