/*
 * JNI entry points of org.csdlab.bench.NativeKernels: each runs one benchmark
 * kernel (tests/src/main/resources/bench/<name>.c, compiled unchanged with
 * gcc -O2) over a Java byte[] in place, the native baseline of the eBPF
 * benchmarks. Built by build-native.sh.
 *
 * The array is pinned with GetPrimitiveArrayCritical, so the kernel reads the
 * Java heap directly (no copy, as the VM reads it). The kernels read u32 and
 * u64 words, so the data must be 8-byte aligned: HotSpot's byte[] data is
 * (16 bytes past the object header); anything else is refused, not run.
 */
#include <jni.h>
#include <stdint.h>
#include <stdio.h>

typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;

/* The kernels, as declared in their own sources. */
u64 count_above(const u32 *data, u64 len);
u64 fnv1a(const u8 *data, u64 len);
u64 popcount(const u64 *data, u64 len);
u64 nested_loop(const u64 *data, u64 len);

enum kernel { COUNT_ABOVE, FNV1A, POPCOUNT, NESTED_LOOP };

static void throw_new(JNIEnv *env, const char *class_name, const char *message)
{
    jclass type = (*env)->FindClass(env, class_name);
    if (type != NULL)
        (*env)->ThrowNew(env, type, message);
}

static jlong run(JNIEnv *env, jbyteArray array, enum kernel which)
{
    if (array == NULL) {
        throw_new(env, "java/lang/NullPointerException", "data");
        return 0;
    }
    jsize len = (*env)->GetArrayLength(env, array);
    void *data = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (data == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError",
                  "GetPrimitiveArrayCritical could not pin the benchmark buffer");
        return 0;
    }
    uintptr_t misalignment = (uintptr_t)data % 8;
    if (misalignment != 0) {
        (*env)->ReleasePrimitiveArrayCritical(env, array, data, JNI_ABORT);
        char message[160];
        snprintf(message, sizeof message,
                 "the byte[] data starts at address %% 8 = %u, but the kernels read"
                 " u32/u64 words and need it 8-byte aligned",
                 (unsigned)misalignment);
        throw_new(env, "java/lang/IllegalStateException", message);
        return 0;
    }
    u64 result = 0;
    switch (which) {
    case COUNT_ABOVE: result = count_above((const u32 *)data, (u64)len); break;
    case FNV1A: result = fnv1a((const u8 *)data, (u64)len); break;
    case POPCOUNT: result = popcount((const u64 *)data, (u64)len); break;
    case NESTED_LOOP: result = nested_loop((const u64 *)data, (u64)len); break;
    }
    /* JNI_ABORT: the kernels only read, so nothing is copied back. */
    (*env)->ReleasePrimitiveArrayCritical(env, array, data, JNI_ABORT);
    return (jlong)result;
}

JNIEXPORT jlong JNICALL
Java_org_csdlab_bench_NativeKernels_countAbove(JNIEnv *env, jclass type, jbyteArray data)
{
    return run(env, data, COUNT_ABOVE);
}

JNIEXPORT jlong JNICALL
Java_org_csdlab_bench_NativeKernels_fnv1a(JNIEnv *env, jclass type, jbyteArray data)
{
    return run(env, data, FNV1A);
}

JNIEXPORT jlong JNICALL
Java_org_csdlab_bench_NativeKernels_popcount(JNIEnv *env, jclass type, jbyteArray data)
{
    return run(env, data, POPCOUNT);
}

JNIEXPORT jlong JNICALL
Java_org_csdlab_bench_NativeKernels_nestedLoop(JNIEnv *env, jclass type, jbyteArray data)
{
    return run(env, data, NESTED_LOOP);
}
