package redistest

import "syscall"

// sysProcAttr kills redis-server with the test process, even when the test is killed.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
