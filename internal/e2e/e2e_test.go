package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Require is run in a child test process, so that its skip or failure can be
// observed from outside.
func TestRequire(t *testing.T) {
	if mode := os.Getenv("E2E_CHILD"); mode != "" {
		Require(t, "a tool", map[string]string{"present": "", "absent": "not installed"}[mode])
		t.Log("RAN")
		return
	}
	run := func(e2e, mode string) string {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestRequire$", "-test.v")
		cmd.Env = append(os.Environ(), "E2E_CHILD="+mode, "JAWAB_E2E="+e2e)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	if out := run("", "present"); !strings.Contains(out, "SKIP") || !strings.Contains(out, "set JAWAB_E2E=1") {
		t.Errorf("without JAWAB_E2E: want a skip that says how to run it:\n%s", out)
	}
	if out := run("1", "present"); !strings.Contains(out, "RAN") || !strings.Contains(out, "PASS") {
		t.Errorf("JAWAB_E2E=1 with the tool: want the test to run:\n%s", out)
	}
	if out := run("1", "absent"); !strings.Contains(out, "FAIL") || !strings.Contains(out, "not installed") {
		t.Errorf("JAWAB_E2E=1 without the tool: want a failure naming why:\n%s", out)
	}
}
