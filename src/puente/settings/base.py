"""Settings shared by every environment. Secrets and databases come from the environment."""
import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Runtime data (the SQLite database, uploads, job files) lives outside the package.
VAR_DIR = Path(os.environ.get("PUENTE_VAR_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("PUENTE_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = os.environ.get("PUENTE_DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("PUENTE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "puente.core",
    "puente.accounts",
    "puente.registry",
    "puente.catalog",
    "puente.capacity",
    "puente.records",
    "puente.vetting",
    "puente.credentials",
    "puente.canine",
    "puente.accreditation",
    "puente.xapi",
    "puente.surveys",
    "puente.metrics",
    "puente.impact",
    "puente.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "puente.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "puente.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must be last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "puente.urls"
WSGI_APPLICATION = "puente.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "puente.core.context_processors.navigation",
            ],
        },
    },
]


def database_from_env(default_sqlite_path: Path) -> dict:
    """The default database: DATABASE_URL if set, else SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite_path),
        "OPTIONS": {
            # WAL lets the web server read while the job worker writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }


DATABASES = {"default": database_from_env(VAR_DIR / "puente.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Phoenix"
# Years, ids and codes print as they are; counts use intcomma or the table cell's grouping.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Serve straight from the finders so a fresh checkout needs no collectstatic.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at")
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Puente API",
    "DESCRIPTION": "Registry, training, credentials and metrics for border law enforcement.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed sidecar package: no CDN, deployments may be offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One schema name per choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "AssessmentKindEnum": "puente.catalog.models.AssessmentKind",
        "EvaluationKindEnum": "puente.credentials.models.Evaluation.Kind",
        "VettingKindEnum": "puente.vetting.models.VettingCheck.Kind",
        "EnrollmentStatusEnum": "puente.records.models.Enrollment.Status",
        "SurveyStatusEnum": "puente.surveys.models.SatisfactionSurvey.Status",
        "AccreditationPhaseEnum": "puente.accreditation.models.Phase",
    },
}

AXES_FAILURE_LIMIT = int(os.environ.get("PUENTE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Background jobs: with a broker URL the jobs go to Celery workers; without one, a local
# worker process started by `puente serve` (or `puente worker`) picks them from the database.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
PUENTE_JOBS_INLINE = False
# Live job progress: a job writing inside one long transaction (a large import) reports here,
# because its own row stays hidden until it commits. A file cache serves every process on this
# machine; Celery workers over Redis report to that Redis. Without either (workers elsewhere over
# RabbitMQ) pages show the progress stored in the job's row.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "jobs": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CELERY_BROKER_URL}
        if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": VAR_DIR / "cache" / "jobs"}
    ),
}

# Imports: files larger than this are refused before they are read.
PUENTE_IMPORT_MAX_BYTES = int(os.environ.get("PUENTE_IMPORT_MAX_BYTES", str(64 * 1024 * 1024)))
# Where people reach the site: links in e-mails, QR codes and signed credentials outlive requests.
PUENTE_PUBLIC_URL = os.environ.get("PUENTE_PUBLIC_URL", "http://127.0.0.1:8000")
# Published tables (/public/, /api/public/) are kept this many seconds in the default cache.
PUENTE_PUBLIC_CACHE_SECONDS = int(os.environ.get("PUENTE_PUBLIC_CACHE_SECONDS", "600"))
# The credential issuer's Ed25519 key, made on first use. Back it up: a lost key cannot be replaced
# for credentials already signed with it.
PUENTE_ISSUER_KEY_FILE = Path(os.environ.get("PUENTE_ISSUER_KEY_FILE", VAR_DIR / "keys" / "issuer-ed25519.pem"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("PUENTE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("PUENTE_FROM_EMAIL", "puente@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PUENTE_LOG_LEVEL", "WARNING")},
}
