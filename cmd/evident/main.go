package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run is evident as a process: the first Ctrl-C or SIGTERM cancels the command's context
// (a build then stops and publishes nothing), a second one ends the process at once.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // back to the default: the next signal ends the process
	}()
	return Execute(ctx, args, os.Stdout, os.Stderr)
}
