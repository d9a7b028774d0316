/*
 * dio-mmap-copy SRC DST: maps SRC, touches its first page, and writes the whole mapping to DST
 * with one O_DIRECT write, so that the write faults the rest of its buffer in (iomap's partial
 * direct write path, as generic/708 exercises). Exit status 0 when the write wrote everything.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: dio-mmap-copy SRC DST\n");
		return 2;
	}
	int src = open(argv[1], O_RDONLY);
	int dst = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0644);
	struct stat st;
	if (src < 0 || dst < 0 || fstat(src, &st) != 0) {
		perror("open");
		return 1;
	}
	volatile char *map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, src, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	(void)map[0];
	ssize_t n = write(dst, (const void *)map, st.st_size);
	if (n != st.st_size) {
		fprintf(stderr, "direct write of %lld bytes wrote %zd\n", (long long)st.st_size, n);
		return 1;
	}
	return close(dst) == 0 ? 0 : 1;
}
