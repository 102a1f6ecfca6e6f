#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "pass";
    if (strcmp(mode, "pass") == 0) {
        return 0;
    }
    if (strcmp(mode, "output") == 0) {
        printf("hello from stdout\nline two\n");
        fprintf(stderr, "WARNING: something on stderr\n");
        return 0;
    }
    if (strcmp(mode, "fail") == 0) {
        fprintf(stderr, "check.c:18: assertion failed: expected 5, got 4\n");
        return 1;
    }
    if (strcmp(mode, "crash") == 0) {
        fflush(stdout);
        raise(SIGSEGV);
        return 0;
    }
    if (strcmp(mode, "sleep") == 0) {
        printf("going to sleep\n");
        fflush(stdout);
        sleep(5);
        return 0;
    }
    if (strcmp(mode, "skip") == 0) {
        printf("feature not available, exiting 77\n");
        return 77;
    }
    if (strcmp(mode, "skipmsg") == 0) {
        printf("SKIPPED: no network in sandbox\n");
        return 0;
    }
    if (strcmp(mode, "xml") == 0) {
        printf("value <a href=\"x\">&amp; 'quoted' \xc3\xa9\n");
        return 0;
    }
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
