#!/bin/sh
# Reports the limits the kernel applies to the container (cgroup v1 or v2), then exits.
if [ -f /sys/fs/cgroup/cpu.max ]; then
    echo "cpu.max: $(cat /sys/fs/cgroup/cpu.max)"
    echo "memory.max: $(cat /sys/fs/cgroup/memory.max)"
else
    echo "cpu.max: $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
    echo "memory.max: $(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
fi
echo "shm: $(df -k /dev/shm | tail -1 | awk '{print $2}')"
echo "nproc: $(nproc)"
