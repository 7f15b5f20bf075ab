/*
 * Linked into the native (Native AOT) build on Linux only. Before main, the runtime copies about 9 MB of type data
 * into zero-filled memory of the executable ("rehydration"), one 4 KB page fault at a time: on a virtual machine that
 * is a fifth of a one-answer run. This constructor, which runs before the runtime starts, asks the kernel to back that
 * memory with transparent huge pages (2 MB, a handful of faults). Where the kernel keeps huge pages off, or the call
 * fails, nothing changes. Measured: 'grader --version' 0.61x, one answer 0.85x wall (paired runs, 2 cores).
 */
#define _GNU_SOURCE
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

static int advise_zero_fill(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (info->dlpi_name != NULL && info->dlpi_name[0] != '\0')
    {
        return 1; /* the executable comes first; stop at the first shared library */
    }

    for (int i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W) == 0 || segment->p_memsz <= segment->p_filesz)
        {
            continue;
        }

        uintptr_t start = (info->dlpi_addr + segment->p_vaddr + segment->p_filesz + 4095) & ~(uintptr_t)4095;
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz) & ~(uintptr_t)4095;
        if (end > start)
        {
            (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
        }
    }

    return 1;
}

__attribute__((constructor)) static void grader_advise_huge_pages(void)
{
    dl_iterate_phdr(advise_zero_fill, NULL);
}
