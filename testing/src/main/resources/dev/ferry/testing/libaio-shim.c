/*
 * Stand-in for libaio.so.1 on machines without the libaio package, built by
 * dev.ferry.testing.NativeLibraries for the test mysqld. It provides the three
 * calls mysqld 8.0.31 imports, each as the plain Linux system call that libaio
 * itself makes, with libaio's convention of returning -errno on failure.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

struct iocb;
struct io_event;
struct timespec;
typedef unsigned long io_context_t;

static int result(long value) { return value < 0 ? -errno : (int) value; }

int io_setup(int maxevents, io_context_t *ctx) {
    return result(syscall(SYS_io_setup, maxevents, ctx));
}

int io_submit(io_context_t ctx, long nr, struct iocb **iocbs) {
    return result(syscall(SYS_io_submit, ctx, nr, iocbs));
}

int io_getevents(io_context_t ctx, long min_nr, long nr, struct io_event *events,
                 struct timespec *timeout) {
    return result(syscall(SYS_io_getevents, ctx, min_nr, nr, events, timeout));
}
