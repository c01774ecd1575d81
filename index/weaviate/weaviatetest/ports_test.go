package weaviatetest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestReservedPortIsNotHandedOutTwice(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	const port = 23456
	first := reserve(t, port)
	if first == "" {
		t.Fatal("a free reservation was refused")
	}
	if again := reserve(t, port); again != "" {
		t.Fatalf("port %d reserved twice (%s)", port, again)
	}
	os.Remove(first)
	if reserve(t, port) == "" {
		t.Fatal("a released reservation was refused")
	}
}

func TestAbandonedReservationIsTakenOver(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	// A process that has ended: its reservation is stale.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	const port = 23457
	os.MkdirAll(reservations(), 0o777)
	path := filepath.Join(reservations(), strconv.Itoa(port))
	os.WriteFile(path, []byte(strconv.Itoa(cmd.Process.Pid)), 0o666)
	if reserve(t, port) == "" {
		t.Fatal("the reservation of an ended process was not taken over")
	}
	b, _ := os.ReadFile(path)
	if string(b) != strconv.Itoa(os.Getpid()) {
		t.Fatalf("reservation holds %q, want this process", b)
	}
}

func TestPortsAvoidTheEphemeralRangeAndEachOther(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	lo, hi := pickRange()
	hosts := []string{"127.0.0.1"}
	block := clusterPorts(t, hosts)
	own := freePorts(t, hosts, 6)
	seen := map[int]bool{}
	for _, p := range append(block, own...) {
		if p < lo || p >= hi {
			t.Errorf("port %d outside [%d, %d)", p, lo, hi)
		}
		if seen[p] {
			t.Errorf("port %d handed out twice", p)
		}
		seen[p] = true
		if reserve(t, p) != "" {
			t.Errorf("port %d handed out but not reserved", p)
		}
	}
	// A port some other program listens on is never handed out.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if claimed(t, l.Addr().(*net.TCPAddr).Port, 1, hosts) {
		t.Error("a port in use was claimed")
	}
}
