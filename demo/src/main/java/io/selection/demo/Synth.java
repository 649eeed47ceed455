package io.selection.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic but plausible data for an edition of the collection: expert reviewers, recommending
 * units, titles and URLs on the kinds of Chinese media hosts that carry such works. Every choice
 * comes from the caller's seeded {@link Random}, so a run can be repeated exactly.
 */
final class Synth {

    private Synth() {
    }

    /** The five kinds of work in the 2023 edition; a category is matched to one by its code or name. */
    enum Kind { TEXT, PICTURE, AUDIO_VIDEO, COLUMN, ACTIVITY }

    record Expert(String name, String idStem, String organisation) {
    }

    private static final String[][] EXPERTS = {
            {"Prof. Wang Lei", "wanglei", "Communication University of China"},
            {"Prof. Li Na", "lina", "Tsinghua University School of Journalism and Communication"},
            {"Zhang Wei", "zhangwei", "Xinhua News Agency"},
            {"Dr. Liu Yang", "liuyang", "Chinese Academy of Social Sciences, Institute of Journalism and Communication"},
            {"Chen Jing", "chenjing", "People's Daily Online"},
            {"Prof. Yang Fan", "yangfan", "Fudan University School of Journalism"},
            {"Zhao Min", "zhaomin", "China Media Group"},
            {"Prof. Huang Tao", "huangtao", "Renmin University of China School of Journalism"},
            {"Dr. Zhou Xin", "zhouxin", "China Internet Network Information Center"},
            {"Wu Hao", "wuhao", "Guangming Daily"},
            {"Prof. Xu Li", "xuli", "Wuhan University School of Journalism and Communication"},
            {"Dr. Sun Qiang", "sunqiang", "China Academy of Cyberspace Studies"},
            {"Prof. Ma Lin", "malin", "Zhejiang University College of Media and International Culture"},
            {"Hu Jun", "hujun", "China Youth Daily"},
            {"Prof. Guo Ping", "guoping", "Nanjing University School of Journalism and Communication"},
            {"Dr. He Yun", "heyun", "Shanghai Academy of Social Sciences"},
            {"Prof. Lin Feng", "linfeng", "Peking University School of Journalism and Communication"},
            {"Luo Qing", "luoqing", "China Daily"},
            {"Prof. Gao Yan", "gaoyan", "Sichuan University College of Literature and Journalism"},
            {"Prof. Zheng Hui", "zhenghui", "Xiamen University School of Journalism and Communication"},
    };

    private static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou",
            "Wu", "Xu", "Sun", "Ma", "Hu", "Guo", "He", "Lin", "Luo", "Gao", "Zheng"};
    private static final String[] GIVEN = {"Jian", "Hong", "Ying", "Bo", "Xiaoyu", "Haitao", "Rui", "Yue", "Dan",
            "Kai", "Ning", "Tingting", "Peng", "Lu", "Jie", "Qian"};

    /** {@code n} experts: the named panel first, then further members drawn from the same institutions. */
    static List<Expert> experts(int n, Random random) {
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i < EXPERTS.length) {
                experts.add(new Expert(EXPERTS[i][0], EXPERTS[i][1], EXPERTS[i][2]));
            } else {
                String surname = SURNAMES[random.nextInt(SURNAMES.length)];
                String given = GIVEN[random.nextInt(GIVEN.length)];
                String stem = (surname + given).toLowerCase(Locale.ROOT) + i;
                experts.add(new Expert(surname + " " + given, stem, EXPERTS[i % EXPERTS.length][2]));
            }
        }
        return experts;
    }

    private static final String[] PROVINCES = {"Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning",
            "Jilin", "Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei",
            "Hunan", "Guangdong", "Guangxi", "Hainan", "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Shaanxi",
            "Gansu", "Xinjiang"};

    private static final String[] CENTRAL_UNITS = {"Xinhua News Agency", "People's Daily Online", "China Media Group",
            "Guangming Daily", "China Youth Daily", "China Daily", "Economic Daily", "China News Service",
            "Communication University of China", "Tsinghua University School of Journalism and Communication",
            "Central Committee of the Communist Youth League", "China Internet Development Foundation",
            "The Paper (Shanghai United Media Group)"};

    /**
     * About forty recommending units: provincial cyberspace administrations and central media and
     * institutions, several of them also reviewers' employers (so conflicts of interest occur).
     * Central units come first and recommend more works; {@link #organisationWeights} says how much.
     */
    static List<String> recommendingUnits() {
        List<String> units = new ArrayList<>(List.of(CENTRAL_UNITS));
        for (String province : PROVINCES) {
            units.add(province + " Cyberspace Administration");
        }
        return units;
    }

    static double[] organisationWeights(int units) {
        double[] weights = new double[units];
        for (int i = 0; i < units; i++) {
            weights[i] = i < CENTRAL_UNITS.length ? 3.0 : 1.0 + (i % 3) * 0.5;
        }
        return weights;
    }

    static Kind kindOf(String code, String name, int index) {
        String s = (code + " " + name).toLowerCase(Locale.ROOT);
        if (s.contains("audio") || s.contains("video")) {
            return Kind.AUDIO_VIDEO;
        }
        if (s.contains("text") || s.contains("article") || s.contains("文字")) {
            return Kind.TEXT;
        }
        if (s.contains("pict") || s.contains("photo") || s.contains("image") || s.contains("图片")) {
            return Kind.PICTURE;
        }
        if (s.contains("column") || s.contains("专栏")) {
            return Kind.COLUMN;
        }
        if (s.contains("activit") || s.contains("campaign") || s.contains("活动")) {
            return Kind.ACTIVITY;
        }
        return Kind.values()[index % Kind.values().length];
    }

    private static final String[] TOPICS = {"rural revitalisation", "the C919 airliner's first commercial flight",
            "the Hangzhou Asian Games", "the Chengdu Universiade", "the Shenzhou-16 crew", "the Fuxing bullet trains",
            "green hydrogen on the grasslands", "the Yangtze finless porpoise", "snow leopards of Sanjiangyuan",
            "forest firefighters", "teachers in mountain villages", "intangible cultural heritage",
            "ten years of the Belt and Road", "community care for the elderly", "digital villages",
            "the Xiong'an New Area", "flood relief in Zhuozhou", "doctors at plateau clinics",
            "the Village Super League", "village basketball", "new-energy vehicles", "greening the Kubuqi Desert",
            "young volunteers", "the Dunhuang murals", "the Sanxingdui bronzes", "the Grand Canal",
            "coastal wetlands", "live-streaming for farmers", "border guards", "the Ancient Tea Horse Road",
            "the Tiangong space station", "a new deep-sea research vessel", "spring ploughing", "the harvest festival",
            "classic poetry for children", "a clean Erhai Lake", "grain security", "ethnic unity",
            "the Mid-Autumn reunion", "courier riders on night shift"};

    private static final String[] PLACES = {"Guizhou", "Yunnan", "Gansu", "Xinjiang", "Tibet", "Hangzhou", "Chengdu",
            "Fujian", "Hainan", "Shaanxi", "Hunan", "Jiangxi", "Inner Mongolia", "Qinghai", "Heilongjiang",
            "Ningxia", "Guangxi", "Chongqing", "Shenzhen", "Xiamen", "Harbin", "Lanzhou", "Yan'an", "Jinggangshan"};

    private static final String[] PEOPLE = {"rural doctors", "delivery riders", "high-speed rail engineers",
            "forest rangers", "volunteer teachers", "fishermen", "village officials", "young entrepreneurs",
            "lighthouse keepers", "grassland herders"};

    private static final String[] COLUMNS = {"Stories of Ordinary Strivers", "Voices from the Grassroots",
            "Modernisation Up Close", "Spring on the Land", "The Road of Youth", "Decoding the Economy",
            "Hometown Flavours", "Craftsmen of Our Time"};

    static String title(Kind kind, Random random) {
        String topic = pick(TOPICS, random);
        String Topic = Character.toUpperCase(topic.charAt(0)) + topic.substring(1);
        String place = pick(PLACES, random);
        return switch (kind) {
            case TEXT -> switch (random.nextInt(5)) {
                case 0 -> "Commentary | Lessons from " + topic;
                case 1 -> "In Depth | " + Topic + " in ten numbers";
                case 2 -> "Feature | " + Topic + ", seen from " + place;
                case 3 -> "Letter from " + place + " | " + Topic;
                default -> "Editorial | On " + topic;
            };
            case PICTURE -> switch (random.nextInt(5)) {
                case 0 -> "Photo Story | " + Topic + " in " + place;
                case 1 -> "Infographic | " + Topic + " at a glance";
                case 2 -> "Comic | " + Topic;
                case 3 -> "Panorama | " + place + " through the seasons";
                default -> "Posters | " + Topic;
            };
            case AUDIO_VIDEO -> switch (random.nextInt(5)) {
                case 0 -> "Short Video | " + Topic;
                case 1 -> "Documentary | " + Topic + " in " + place;
                case 2 -> "Vlog | A day with " + pick(PEOPLE, random) + " in " + place;
                case 3 -> "Podcast | Talking about " + topic;
                default -> "Micro-film | " + Topic;
            };
            case COLUMN -> random.nextBoolean()
                    ? "Column \"" + pick(COLUMNS, random) + "\" | " + Topic
                    : "Series | " + pick(COLUMNS, random) + ", episode " + (1 + random.nextInt(40));
            case ACTIVITY -> switch (random.nextInt(4)) {
                case 0 -> "Online Campaign | #" + hashtag(topic);
                case 1 -> "Challenge | " + Topic;
                case 2 -> "Live Event | " + place + " celebrates " + topic;
                default -> "Contest | " + Topic + " essay competition";
            };
        };
    }

    /** A URL on a host that carries this kind of work; {@code n} keeps it unique within the edition. */
    static String url(Kind kind, Random random, int n, LocalDate publishedOn) {
        String ym = String.format("%04d-%02d", publishedOn.getYear(), publishedOn.getMonthValue());
        String ymd = String.format("%04d%02d%02d", publishedOn.getYear(), publishedOn.getMonthValue(),
                publishedOn.getDayOfMonth());
        long id = 1_129_000_000L + n * 977L + random.nextInt(977);
        return switch (kind) {
            case TEXT -> switch (random.nextInt(5)) {
                case 0 -> "https://www.news.cn/politics/" + ym + "/" + two(publishedOn.getDayOfMonth()) + "/c_" + id + ".htm";
                case 1 -> "http://www.people.com.cn/n1/" + publishedOn.getYear() + "/" + ymd.substring(4)
                        + "/c1001-" + (40_000_000 + n * 13 + random.nextInt(13)) + ".html";
                case 2 -> "https://www.thepaper.cn/newsDetail_forward_" + (21_000_000 + n * 31 + random.nextInt(31));
                case 3 -> "https://www.gmw.cn/xueshu/" + ym + "/" + two(publishedOn.getDayOfMonth()) + "/content_"
                        + (36_000_000 + n * 17 + random.nextInt(17)) + ".htm";
                default -> "https://mp.weixin.qq.com/s/" + token(random, 22) + n;
            };
            case PICTURE -> switch (random.nextInt(3)) {
                case 0 -> "https://www.chinanews.com.cn/tp/hd2011/" + publishedOn.getYear() + "/"
                        + ymd.substring(4, 6) + "-" + ymd.substring(6) + "/" + (1_000_000 + n * 7 + random.nextInt(7))
                        + ".shtml";
                case 1 -> "https://weibo.com/" + (1_600_000_000L + random.nextInt(90_000_000)) + "/" + token(random, 9) + n;
                default -> "https://www.chinadaily.com.cn/a/" + ymd.substring(0, 6) + "/" + ymd.substring(6) + "/WS"
                        + token(random, 20).toLowerCase(Locale.ROOT) + n + ".html";
            };
            case AUDIO_VIDEO -> switch (random.nextInt(5)) {
                case 0 -> "https://www.bilibili.com/video/BV1" + token(random, 8) + n;
                case 1 -> "https://www.douyin.com/video/" + (7_200_000_000_000_000_000L + n * 1_000_003L + random.nextInt(1000));
                case 2 -> "https://www.ximalaya.com/sound/" + (600_000_000 + n * 101 + random.nextInt(101));
                case 3 -> "https://tv.cctv.com/" + publishedOn.getYear() + "/" + ymd.substring(4, 6) + "/"
                        + ymd.substring(6) + "/VIDE" + token(random, 20) + n + ".shtml";
                default -> "https://www.yangshipin.cn/video/home?vid=" + token(random, 11).toLowerCase(Locale.ROOT) + n;
            };
            case COLUMN -> switch (random.nextInt(3)) {
                case 0 -> "https://www.news.cn/comments/zt/" + token(random, 6).toLowerCase(Locale.ROOT) + n + "/index.htm";
                case 1 -> "http://politics.people.com.cn/GB/8198/" + (440_000 + n) + "/index.html";
                default -> "https://news.cctv.com/special/" + token(random, 8).toLowerCase(Locale.ROOT) + n + "/index.shtml";
            };
            case ACTIVITY -> switch (random.nextInt(3)) {
                case 0 -> "https://s.weibo.com/weibo?q=%23" + token(random, 8) + n + "%23";
                case 1 -> "https://www.kuaishou.com/short-video/3x" + token(random, 12).toLowerCase(Locale.ROOT) + n;
                default -> "https://www.cac.gov.cn/huodong/" + publishedOn.getYear() + "/" + token(random, 6)
                        .toLowerCase(Locale.ROOT) + n + ".htm";
            };
        };
    }

    /** A score near {@code mean}, clamped to 0..100, as an integer or with one decimal. */
    static BigDecimal score(double mean, double spread, boolean oneDecimal, Random random) {
        double x = Math.max(0, Math.min(100, mean + random.nextGaussian() * spread));
        return BigDecimal.valueOf(x).setScale(oneDecimal ? 1 : 0, RoundingMode.HALF_UP);
    }

    private static String hashtag(String topic) {
        StringBuilder tag = new StringBuilder();
        for (String word : topic.replace("'", "").replace("-", " ").split(" ")) {
            if (!word.isEmpty() && !word.equals("the")) {
                tag.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return tag.toString();
    }

    static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static String token(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
