"""Tests: fast hashing, jobs run where they are enqueued unless a test starts a worker."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PUENTE_JOBS_INLINE = True
AXES_ENABLED = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run its own progress cache: job ids repeat from one test database to the next.
CACHES = {**CACHES, "jobs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobs"}}  # noqa: F405
# Every test reads the figures its own data gives; tests of the cache switch it on.
PUENTE_PUBLIC_CACHE_SECONDS = 0
