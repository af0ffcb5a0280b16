; count_u32_above: counts the little-endian u32 values greater than a threshold in an extent of
; zones, reading it into the device kernel memory in whole sectors, as many as fit at a time.
; opencsd ABI: r1 points to the kernel memory, r2 holds its size; the call information is at the
; start of that memory, and get_mem_info gives the memory after it:
;   struct { u64 first_zone; u64 zone_count; u64 length_bytes; u64 threshold; }
; Returns the count (u64) with return_data; exits with 0, or -1 (bad call information, the
; extent does not fit its zones, or a read refused: the run's refusals say why).
    r6 = r1                          ; r6 = the call information
    r7 = r2                          ; r7 = size of the kernel memory
    r1 = 0
    *(u64 *)(r10 - 8) = r1
    *(u64 *)(r10 - 16) = r1
    r1 = r10
    r1 += -8
    r2 = r10
    r2 += -16
    call 7                           ; get_mem_info(&mem, &mem_size): the memory after the call
    r1 = *(u64 *)(r10 - 16)
    r7 -= r1                         ; r7 = bytes of call information
    if r7 < 32 goto invalid
    r1 = *(u64 *)(r6 + 0)
    *(u64 *)(r10 - 40) = r1          ; zone
    r2 = *(u64 *)(r6 + 8)
    r1 += r2
    *(u64 *)(r10 - 48) = r1          ; end zone (exclusive)
    r1 = *(u64 *)(r6 + 16)
    *(u64 *)(r10 - 56) = r1          ; bytes remaining
    r1 = *(u64 *)(r6 + 24)
    *(u64 *)(r10 - 24) = r1          ; threshold
    r1 = 0
    *(u64 *)(r10 - 32) = r1          ; count
    call 4                           ; get_sector_size()
    r7 = r0                          ; r7 = sector size
    call 5                           ; get_zone_capacity()
    *(u64 *)(r10 - 80) = r0          ; capacity in sectors
    r8 = *(u64 *)(r10 - 16)
    r8 /= r7
    r8 *= r7                         ; r8 = chunk: whole sectors that fit the memory
    if r8 == 0 goto invalid
zone_loop:
    r1 = *(u64 *)(r10 - 56)
    if r1 == 0 goto done
    r1 = *(u64 *)(r10 - 40)
    r2 = *(u64 *)(r10 - 48)
    if r1 >= r2 goto invalid
    r9 = 0                           ; r9 = sector within the zone
sector_loop:
    r1 = *(u64 *)(r10 - 80)
    if r9 >= r1 goto next_zone
    r2 = *(u64 *)(r10 - 56)
    if r2 == 0 goto done
    r1 -= r9
    r1 *= r7                         ; bytes left in the zone
    r4 = r8
    if r4 <= r1 goto fits_zone
    r4 = r1
fits_zone:
    r2 += r7
    r2 += -1
    r2 /= r7
    r2 *= r7                         ; the bytes remaining, rounded up to whole sectors
    if r4 <= r2 goto read
    r4 = r2
read:
    *(u64 *)(r10 - 64) = r4          ; bytes read this time
    r1 = *(u64 *)(r10 - 40)
    r2 = r9
    r3 = 0
    r5 = *(u64 *)(r10 - 8)
    call 2                           ; read(zone, sector, 0, size, mem)
    if r0 != 0 goto out              ; -1: the read was refused
    r4 = *(u64 *)(r10 - 64)
    r2 = *(u64 *)(r10 - 56)
    r3 = r4
    if r3 <= r2 goto counted
    r3 = r2                          ; the extent ends inside this read
counted:
    r2 -= r3
    *(u64 *)(r10 - 56) = r2
    r4 /= r7
    r9 += r4
    r1 = *(u64 *)(r10 - 8)           ; r1 = next value
    r3 &= -4
    r3 += r1                         ; r3 = end of the values read
    r2 = *(u64 *)(r10 - 24)          ; r2 = threshold
    r5 = *(u64 *)(r10 - 32)          ; r5 = count
    w6 = -1
    r6 -= r2                         ; r6 = 0xffffffff - threshold: a value plus r6 carries
                                     ; into bit 32 exactly when the value is above the threshold
eights:                              ; eight values (32 bytes) a round, with no branch on the data
    r4 = r3
    r4 -= r1
    if r4 < 32 goto values
    r0 = *(u64 *)(r1 + 0)
    w4 = w0                          ; the lower value of the pair
    r0 >>= 32                        ; the upper value
    r4 += r6
    r4 >>= 32                        ; 1 when the lower value is above the threshold
    r0 += r6
    r0 >>= 32
    r5 += r4
    r5 += r0
    r0 = *(u64 *)(r1 + 8)
    w4 = w0                          ; the lower value of the pair
    r0 >>= 32                        ; the upper value
    r4 += r6
    r4 >>= 32                        ; 1 when the lower value is above the threshold
    r0 += r6
    r0 >>= 32
    r5 += r4
    r5 += r0
    r0 = *(u64 *)(r1 + 16)
    w4 = w0                          ; the lower value of the pair
    r0 >>= 32                        ; the upper value
    r4 += r6
    r4 >>= 32                        ; 1 when the lower value is above the threshold
    r0 += r6
    r0 >>= 32
    r5 += r4
    r5 += r0
    r0 = *(u64 *)(r1 + 24)
    w4 = w0                          ; the lower value of the pair
    r0 >>= 32                        ; the upper value
    r4 += r6
    r4 >>= 32                        ; 1 when the lower value is above the threshold
    r0 += r6
    r0 >>= 32
    r5 += r4
    r5 += r0
    r1 += 32
    goto eights
values:                              ; the last few values, one at a time
    if r1 >= r3 goto values_done
    r0 = *(u32 *)(r1 + 0)
    r1 += 4
    if r0 <= r2 goto values
    r5 += 1
    goto values
values_done:
    *(u64 *)(r10 - 32) = r5
    goto sector_loop
next_zone:
    r1 = *(u64 *)(r10 - 40)
    r1 += 1
    *(u64 *)(r10 - 40) = r1
    goto zone_loop
done:
    r1 = r10
    r1 += -32
    r2 = 8
    call 1                           ; return_data(&count, 8)
    r0 = 0
out:
    exit
invalid:
    r0 = -1
    exit
