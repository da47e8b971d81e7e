package sitefs

import "testing"

// The same promises where openat2 cannot be used: os.Root keeps them.
func TestWithoutOpenat2(t *testing.T) {
	noOpenat2.Store(true)
	defer noOpenat2.Store(false)
	t.Run("stays inside", TestOpenStaysInside)
	t.Run("named pipe", TestOpenRefusesFIFO)
}
